'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'club_module_completed',
  trigger: 'CLUB_MODULE_COMPLETED',
  noun: 'Completed Module',
  label: 'New Module Completed',
  description: 'Triggers when a student completes a module in the members area.',
});
