import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigurationError, knobs, loadConfig, parseDuration } from './config.ts';
import { membersKnobs } from './members/members-config.ts';

test('every knob is in the README configuration table', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Set([...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]));
  // `postback members` has its own knobs (src/members/members-config.ts), in the same table
  const every = [...Object.values(knobs), ...Object.values(membersKnobs)];
  for (const knob of every) assert.ok(rows.has(knob.env), `${knob.env} is missing from the README's configuration table`);
  assert.equal(rows.size, every.length, 'the README lists a variable that config.ts (or members-config.ts) does not have');
});

test('defaults: Hotmart-like 5-attempt schedule, 256 KiB ingest limit, port 8080, ./data', () => {
  const config = loadConfig({});
  assert.deepEqual(config.retrySchedule, [0, 30_000, 300_000, 1_800_000, 7_200_000]);
  assert.equal(config.maxEventBytes, 256 * 1024);
  assert.equal(config.port, 8080);
  assert.match(config.dataDir, /\/data$/);
});

test('a malformed value names its variable and stops start-up', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT: expected an integer/);
  assert.throws(() => loadConfig({ POSTBACK_RETRY_SCHEDULE: '0,soon' }), /POSTBACK_RETRY_SCHEDULE: expected a duration/);
  assert.throws(() => loadConfig({ POSTBACK_ROLE: 'boss' }), /POSTBACK_ROLE/);
  assert.throws(() => loadConfig({ POSTBACK_LEASE: '10s', POSTBACK_ATTEMPT_DEADLINE: '15s' }), /must exceed/);
});

test('durations take ms, s, m, h and d', () => {
  assert.equal(parseDuration('1500ms'), 1500);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration('0'), 0);
  assert.throws(() => parseDuration('-1s'));
});

test('durations where zero breaks the platform have a floor, and the message names the variable', () => {
  const floors = { POSTBACK_POLL_INTERVAL: '50ms', POSTBACK_TOKEN_TTL: '1m', POSTBACK_ATTEMPT_DEADLINE: '1s', POSTBACK_SESSION_TTL: '5m' };
  for (const [name, floor] of Object.entries(floors)) {
    assert.throws(() => loadConfig({ [name]: '0' }), (error) => error instanceof ConfigurationError && new RegExp(`^${name}: expected at least \\d+ ms \\(.+\\), got "0"$`).test(error.message), name);
    assert.doesNotThrow(() => loadConfig({ [name]: floor }), `${name}=${floor} is the floor`);
  }
});

test('LOG_LEVEL is one of pino\'s levels: a typo names the variable and the levels', () => {
  assert.throws(() => loadConfig({ LOG_LEVEL: 'verbose' }), (error) => error instanceof ConfigurationError && error.message === 'LOG_LEVEL: expected fatal, error, warn, info, debug, trace or silent, got "verbose"');
  assert.equal(loadConfig({ LOG_LEVEL: 'debug' }).logLevel, 'debug');
});
