'use strict';

const authentication = require('./authentication');
const middleware = require('./middleware');
const order = require('./triggers/order');
const cartAbandonment = require('./triggers/cart_abandonment');
const planChange = require('./triggers/plan_change');
const subscriptionCancellation = require('./triggers/subscription_cancellation');
const subscriptionChargeDate = require('./triggers/subscription_charge_date');
const clubFirstAccess = require('./triggers/club_first_access');
const clubModuleCompleted = require('./triggers/club_module_completed');
const delivery = require('./triggers/delivery');
const product = require('./triggers/product');
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
    [subscriptionChargeDate.key]: subscriptionChargeDate,
    [clubFirstAccess.key]: clubFirstAccess,
    [clubModuleCompleted.key]: clubModuleCompleted,
    [delivery.key]: delivery,
    [product.key]: product,
  },

  searches: {
    [purchase.key]: purchase,
  },

  creates: {
    [resendDelivery.key]: resendDelivery,
  },
};

module.exports = App;
