'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'subscription_charge_date',
  trigger: 'UPDATE_SUBSCRIPTION_CHARGE_DATE',
  noun: 'Charge Date Change',
  label: 'New Subscription Charge Date Change',
  description: 'Triggers when the charge date of a subscription changes (the Next Charge Date field has the new one).',
});
