'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'cart_abandonment',
  trigger: 'cart_abandonment',
  noun: 'Abandoned Cart',
  label: 'New Cart Abandonment',
  description: 'Triggers when a buyer leaves the checkout without buying.',
});
