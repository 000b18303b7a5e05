// Requests no honest client sends, and the bounded, uniform answers they get: every error is
// application/problem+json with the security headers, whichever layer refuses it (the HTTP parser, the router, the
// body parser, a route), and nothing is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { maxJsonDepth } from '../src/api/json-body.ts';
import { securityHeaders } from '../src/api/problem-response.ts';
import { startPlatform } from './helpers/platform.ts';
import { rawExchange } from './helpers/raw-http.ts';

type Headers = { get(name: string): string | null };

function assertProblem(what: string, status: number, expected: number, headers: Headers, body: string): Record<string, unknown> {
  assert.equal(status, expected, `${what}: ${body.slice(0, 200)}`);
  assert.equal(headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
  for (const [name, value] of Object.entries(securityHeaders)) {
    // pages for people (the hosted checkout) set a policy of their own, as strict about framing and defaults
    if (name === 'content-security-policy' && / \/checkout\//.test(what)) assert.match(headers.get(name) ?? '', /default-src 'none'.*frame-ancestors 'none'/, what);
    else assert.equal(headers.get(name), value, `${what}: ${name}`);
  }
  const problem = JSON.parse(body) as Record<string, unknown>;
  assert.equal(problem.status, expected, what);
  assert.ok(typeof problem.detail === 'string' && problem.detail.length > 0, `${what}: a detail says what to do`);
  return problem;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

test('malformed percent-escapes, an over-long id, a control character in Idempotency-Key, oversized headers: each a problem+json with the security headers', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  for (const path of ['/api/v1/webhooks/%ff', '/api/v1/webhooks/%zz', '/api/v1/deliveries/%E0%A4%A/resend']) {
    const method = path.endsWith('resend') ? 'POST' : 'GET';
    const answer = await tenant.call(method, path);
    const problem = assertProblem(`${method} ${path}`, answer.status, 400, answer.headers, answer.text);
    assert.equal(problem.code, 'bad_request');
  }
  for (const [method, path] of [['GET', `/api/v1/webhooks/${'a'.repeat(101)}`], ['POST', `/api/v1/deliveries/${'d'.repeat(500)}/resend`], ['PATCH', `/api/v1/products/${'%41'.repeat(200)}`]] as const) {
    const answer = await tenant.call(method, path, method === 'PATCH' ? {} : undefined);
    assert.equal(assertProblem(`${method} over-long id`, answer.status, 414, answer.headers, answer.text).code, 'uri_too_long');
  }

  const publish = (key: string) => `POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tenant.token}\r\nIdempotency-Key: ${key}\r\n`
    + 'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}';
  for (const key of ['ab\x01cd', 'ab\x7fcd', 'ab\x00cd']) {
    const answer = await rawExchange(platform.url, publish(key));
    assert.equal(assertProblem(`Idempotency-Key with ${JSON.stringify(key)}`, answer.status, 400, { get: (name) => answer.headers.get(name) ?? null }, answer.body).code, 'bad_request');
  }
  // a tab is legal in a header value, so it reaches the route, whose schema refuses it
  const tab = await rawExchange(platform.url, publish('ab\tcd'));
  assert.equal(assertProblem('Idempotency-Key with a tab', tab.status, 422, { get: (name) => tab.headers.get(name) ?? null }, tab.body).code, 'validation_failed');

  const huge = await rawExchange(platform.url, `GET /api/v1/webhooks HTTP/1.1\r\nHost: x\r\nX-Filler: ${'f'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
  assert.equal(assertProblem('20 KB of headers', huge.status, 431, { get: (name) => huge.headers.get(name) ?? null }, huge.body).code, 'headers_too_large');
  assert.deepEqual((await tenant.call('GET', '/api/v1/deliveries')).body.items, [], 'nothing was published');
});

test(`JSON nested deeper than ${maxJsonDepth} levels is a 400 naming the limit, on every route that takes a body, and writes nothing`, async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  // the reported case: valid event data with one field nested ~4,400 levels (a 500 from JSON.stringify before)
  const deepEvent = `{"event":"PURCHASE_APPROVED","data":${JSON.stringify({ ...sampleData('PURCHASE_APPROVED'), extra: null }).replace('null', nested(4400))}}`;
  const answer = await tenant.call('POST', '/api/v1/events', deepEvent);
  const problem = assertProblem('deep event data', answer.status, 400, answer.headers, answer.text);
  assert.equal(problem.code, 'json_too_deep');
  assert.match(String(problem.detail), new RegExp(`${maxJsonDepth} levels`));

  const writeRoutes = platform.routes.filter((route) => /^(POST|PUT|PATCH|DELETE) /.test(route));
  assert.ok(writeRoutes.length >= 15, `the API's write routes: ${writeRoutes.join(', ')}`);
  for (const route of writeRoutes) {
    const [method, pattern] = route.split(' ') as [string, string];
    const path = pattern.replace(/:[A-Za-z_]+/g, 'some-id');
    const deep = await tenant.call(method, path, `{"a":${nested(maxJsonDepth)}}`);
    assert.equal(assertProblem(route, deep.status, 400, deep.headers, deep.text).code, 'json_too_deep', route);
  }
  // form bodies are parsed flat: brackets are part of a key, never nesting
  const form = await platform.request('POST', '/oauth/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id${'[a]'.repeat(5000)}=x&client_secret=y` });
  assert.equal(form.status, 401, form.text);
  assert.equal(form.body.error, 'invalid_client');
  // at the limit the parser lets it through; the route's own validation answers
  const atLimit = await tenant.call('POST', '/api/v1/webhooks', `{"name":${nested(maxJsonDepth - 1)}}`);
  assert.equal(assertProblem('nested to the limit', atLimit.status, 422, atLimit.headers, atLimit.text).code, 'validation_failed');
  // brackets inside strings are text, not nesting
  const inString = await tenant.call('POST', '/api/v1/webhooks', { name: `\\"${'['.repeat(100)}`, url: 'https://example.com/hook', events: ['PURCHASE_APPROVED'] });
  assert.equal(inString.status, 201, inString.text);
  assert.deepEqual((await tenant.call('GET', '/api/v1/deliveries')).body.items, [], 'no event was written');
  assert.equal((await tenant.call('GET', '/api/v1/webhooks')).body.items.length, 1, 'only the valid webhook');
});
