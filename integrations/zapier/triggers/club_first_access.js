'use strict';

const restHookTrigger = require('../lib/rest-hook-trigger');

module.exports = restHookTrigger({
  key: 'club_first_access',
  trigger: 'CLUB_FIRST_ACCESS',
  noun: 'First Access',
  label: 'New Members Area First Access',
  description: 'Triggers when a student opens the members area for the first time.',
});
