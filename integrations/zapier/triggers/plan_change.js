'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'plan_change',
  trigger: 'plan_change',
  noun: 'Plan Change',
  label: 'New Plan Change',
  description: 'Triggers when a subscriber switches plans.',
});
