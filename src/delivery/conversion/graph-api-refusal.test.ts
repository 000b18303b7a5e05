import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphApiRefusal } from './graph-api-refusal.ts';

const graphError = (error: Record<string, unknown>) => JSON.stringify({ error: { fbtrace_id: 'AbCdEf123', ...error } });
const badToken = graphError({ message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });

test('a Graph API error that no retry can change is a refusal, told in Meta\'s words with its code', () => {
  assert.equal(graphApiRefusal({ status: 400, body: badToken }), 'Meta answered 400, OAuthException code 190: Invalid OAuth access token - Cannot parse access token');
  assert.equal(graphApiRefusal({ status: 400, body: graphError({ message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 2804003, error_user_msg: 'The event_time is too far in the past.' }) }),
    'Meta answered 400, OAuthException code 100/2804003: Invalid parameter (The event_time is too far in the past.)');
  assert.equal(graphApiRefusal({ status: 403, body: graphError({ message: 'Permissions error', code: 200 }) }), 'Meta answered 403, code 200: Permissions error');
  const long = graphApiRefusal({ status: 400, body: graphError({ message: `line\n${'x'.repeat(500)}`, code: 100 }) })!;
  assert.ok(long.length <= 301 && !long.includes('\n'), 'one short line');
});

test('what Meta calls transient, a throttle, a server error, or an answer that is not a Graph API error is retried as ever', () => {
  for (const code of [1, 2, 4, 17, 32, 341, 368, 613, 80_004]) {
    assert.equal(graphApiRefusal({ status: 400, body: graphError({ message: 'try later', code }) }), null, `code ${code}`);
  }
  assert.equal(graphApiRefusal({ status: 400, body: graphError({ message: 'Service temporarily unavailable', code: 100, is_transient: true }) }), null, 'is_transient');
  for (const status of [408, 410, 429, 500, 503]) assert.equal(graphApiRefusal({ status, body: badToken }), null, `HTTP ${status}`);
  assert.equal(graphApiRefusal({ status: 200, body: '{"events_received":1}' }), null);
  for (const body of ['', '<html>Bad Request</html>', '{"error":"bad"}', '{"error":[1]}', '{"events_received":0}', badToken.slice(0, 40)]) {
    assert.equal(graphApiRefusal({ status: 400, body }), null, body);
  }
});
