'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'subscription_cancellation',
  trigger: 'subscription_cancellation',
  noun: 'Cancellation',
  label: 'New Subscription Cancellation',
  description: 'Triggers when a subscription is cancelled.',
});
