'use strict';

const authentication = require('./authentication');
const middleware = require('./middleware');
const order = require('./triggers/order');
const cartAbandonment = require('./triggers/cart_abandonment');
const planChange = require('./triggers/plan_change');
const subscriptionCancellation = require('./triggers/subscription_cancellation');
const delivery = require('./triggers/delivery');
const purchase = require('./searches/purchase');
const resendDelivery = require('./creates/resend_delivery');

const App = {
  version: require('./package.json').version,
  platformVersion: require('zapier-platform-core').version,

  authentication,

  beforeRequest: [...middleware.befores],
  afterResponse: [...middleware.afters],

  resources: {},

  triggers: {
    [order.key]: order,
    [cartAbandonment.key]: cartAbandonment,
    [planChange.key]: planChange,
    [subscriptionCancellation.key]: subscriptionCancellation,
    [delivery.key]: delivery,
  },

  searches: {
    [purchase.key]: purchase,
  },

  creates: {
    [resendDelivery.key]: resendDelivery,
  },
};

module.exports = App;
