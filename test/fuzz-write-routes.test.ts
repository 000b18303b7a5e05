// Property-based fuzzing of every write route the API registers (fast-check, seeded and bounded, so it runs in
// `npm test`): a route another engineer adds is fuzzed too. For each request, built from a valid body bent out of
// shape, arbitrary JSON, malformed text, hostile ids and headers: no 5xx; every error is problem+json with the
// security headers (the token endpoint's bad credentials answer OAuth's own JSON, and the hosted checkout's pages
// answer with pages); and an error changes nothing, checked against a snapshot of every table of the SQLite file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import fc from 'fast-check';
import { securityHeaders } from '../src/api/problem-response.ts';
import { startPlatform } from './helpers/platform.ts';
import type { ApiAnswer, Platform } from './helpers/platform.ts';
import { knownIds, validBody } from './helpers/write-route-bodies.ts';
import type { KnownIds } from './helpers/write-route-bodies.ts';

/** Fixed, so a failure replays exactly; change it only to explore, and keep a failure found as a named test. */
const seed = 0x17_09;
const runsPerRoute = 16;

type FuzzRequest = { path: string; body: string | undefined; headers: Record<string, string> };

/** Every table's rows, hashed: equal before and after a refused request, or something was half-written. */
function snapshot(db: DatabaseSync): string {
  const hash = createHash('sha256');
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]) {
    hash.update(name).update(db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row)).sort().join('\n'));
  }
  return hash.digest('hex');
}

const hostileSegments = ['%ff', '%zz', '%00', '..', '%2e%2e', 'a'.repeat(101), '0', '-1', 'null', '__proto__', ' ', '%20', '%2F'];
const fieldNames = ['id', 'name', 'url', 'events', 'products', 'version', 'max_attempts', 'enabled', 'event', 'data', 'status', 'since', 'purchase',
  'subscription', 'share_buyer_data', 'affiliate_account_id', 'affiliate_code', 'email', 'password', 'account_name', 'creation_date', '__proto__', 'constructor'];
const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Stands for the fuzzed account's current access token (rotating its client secret replaces it mid-run). */
const validToken = 'valid token';

/** A valid body with some fields replaced by arbitrary values, some removed, some added. */
const bent = (valid: Record<string, unknown>) => fc.record({
  replace: fc.dictionary(fc.constantFrom(...Object.keys(valid), ...fieldNames), anyJson, { maxKeys: 2 }),
  drop: fc.subarray(Object.keys(valid), { maxLength: Math.min(1, Object.keys(valid).length) }),
}).map(({ replace, drop }) => JSON.stringify(Object.fromEntries([...Object.entries({ ...valid, ...replace })].filter(([key]) => !drop.includes(key)))));

function requestFor(pattern: string, ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...Object.values(ids)).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...hostileSegments) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
  );
  const params = pattern.match(/:[A-Za-z_]+/g) ?? [];
  const valid = validBody(pattern, ids);
  const body = fc.oneof(
    { weight: 4, arbitrary: bent(valid) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
    { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 60, max: 5000 }).map((depth) => `{"data":${'['.repeat(depth)}${']'.repeat(depth)}}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  // mostly well-formed around the body, so most requests reach the route's own validation and beyond
  const headers = fc.record({
    authorization: fc.oneof({ weight: 8, arbitrary: fc.constant(validToken) }, fc.constantFrom('Bearer forged', '')),
    'content-type': fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') },
      fc.constantFrom('application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', '')),
    'idempotency-key': fc.oneof({ weight: 3, arbitrary: fc.constant('') }, fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 })),
  }).map((all) => Object.fromEntries(Object.entries(all).filter(([, value]) => value !== '')));
  return fc.record({ segments: fc.tuple(...params.map(() => segment)), body, headers }).map(({ segments, body: text, headers: sent }) => {
    let path = pattern;
    params.forEach((param, i) => { path = path.replace(param, segments[i]!); });
    return { path, body: text, headers: sent };
  });
}

function assertAnswer(route: string, request: FuzzRequest, answer: ApiAnswer): void {
  const what = `${route} ${JSON.stringify(request).slice(0, 400)} -> ${answer.status} ${answer.text.slice(0, 300)}`;
  assert.ok(answer.status < 500, `no 5xx: ${what}`);
  if (answer.status < 400) return;
  // pages for people (the hosted checkout) set a Content-Security-Policy of their own, and a page holding the order
  // form (shown again with its mistakes) lets its own origin have its address (src/tracking/checkout/page-answers.ts)
  const page = !/^\S+ \/(api|oauth|security)\//.test(route);
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (page && name === 'content-security-policy') assert.ok(answer.headers.get(name), `${name}: ${what}`);
    else if (page && name === 'referrer-policy') assert.ok(['no-referrer', 'same-origin'].includes(answer.headers.get(name) ?? ''), `${name}: ${what}`);
    else assert.equal(answer.headers.get(name), value, `${name}: ${what}`);
  }
  // RFC 6749 §5.2: a token request with bad credentials or grant answers {error, error_description} as application/json
  if (/oauth\/token$/.test(route) && (answer.status === 400 || answer.status === 401) && typeof answer.body?.error === 'string') return;
  // ...and a page answers its errors as a page, in the buyer's language
  if (page && answer.headers.get('content-type') === 'text/html; charset=utf-8') return;
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8', `problem+json: ${what}`);
  assert.equal(answer.body.status, answer.status, what);
  assert.ok(typeof answer.body.code === 'string' && typeof answer.body.detail === 'string', what);
}

type Caller = { token: string; call(method: string, path: string, body?: unknown): Promise<ApiAnswer> };

async function tokenFor(platform: Platform, clientId: string, secret: string): Promise<Caller> {
  const answer = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` } });
  assert.equal(answer.status, 200, answer.text);
  const token = answer.body.access_token as string;
  return {
    token,
    call: (method, path, body) => platform.request(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    }),
  };
}

async function send(platform: Platform, method: string, request: FuzzRequest, token: string): Promise<ApiAnswer | null> {
  const headers = { ...request.headers, ...(request.headers.authorization === validToken ? { authorization: `Bearer ${token}` } : {}) };
  try {
    return await platform.request(method, request.path, { body: request.body, headers });
  } catch (error) {
    // the client refused to send it (fetch validates some headers itself): nothing reached the server
    if (error instanceof TypeError && !String(error.cause ?? '').includes('ECONNRESET')) return null;
    throw error;
  }
}

test('fuzzing every write route: no 5xx, every error problem+json with the security headers, and a refused request changes nothing', { timeout: 170_000 }, async () => {
  // no dispatcher: the store changes only through the requests under test. The fuzzer's own failed sign-ins and
  // token requests must not lock it out (test/auth-limits.test.ts tests those limits)
  await using platform = await startPlatform({ role: 'api', authFailuresPerAddress: 100_000, authFailuresGlobal: 1_000_000, checkoutDemo: true });
  const owner = await platform.tenant('Fuzzed');
  let tenant: Caller = owner;
  const affiliate = await platform.tenant('Affiliate', 'affiliate');
  const db = new DatabaseSync(join(platform.dataDir, 'postback.db'), { readOnly: true });
  try {
    const writeRoutes = platform.routes.filter((route) => /^(POST|PUT|PATCH|DELETE) /.test(route));
    assert.ok(writeRoutes.length >= 20, `write routes found: ${writeRoutes.join(', ')}`);
    for (const [index, route] of writeRoutes.entries()) {
      const [method, pattern] = route.split(' ') as [string, string];
      // fresh objects for each route, so an earlier route's deletes leave this one real ids to aim at
      const ids = await knownIds(tenant, affiliate);
      let state = snapshot(db);
      await fc.assert(fc.asyncProperty(requestFor(pattern, ids), async (request) => {
        const answer = await send(platform, method, request, tenant.token);
        if (answer === null) return;
        assertAnswer(route, request, answer);
        // rotating the client secret ends the token: carry on with a new one, as a client would
        if (answer.status === 200 && pattern.endsWith('rotate-client-secret')) tenant = await tokenFor(platform, owner.client_id, answer.body.client_secret);
        // only requests change the store (no dispatcher), so the state after one is the state before the next
        const before = state;
        state = snapshot(db);
        if (answer.status >= 400) assert.equal(state, before, `a refused request wrote something: ${route} ${JSON.stringify(request).slice(0, 400)} -> ${answer.status}`);
      }), { seed: seed + index, numRuns: runsPerRoute, endOnFailure: true });
    }
    assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [], 'no row points at a missing one');
    assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  } finally {
    db.close();
  }
});
