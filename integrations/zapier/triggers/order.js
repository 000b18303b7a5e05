'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'order',
  trigger: 'order',
  noun: 'Order',
  label: 'New Order Event',
  description: 'Triggers on every purchase event (approved, completed, refunded, boleto printed...): the Status field tells which.',
});
