// GET /openapi.json: a valid OpenAPI 3.1 document (checked by a real validator, against the official schema) that
// documents every route the app registers, each with its security and problem+json errors. /docs serves the
// reference pages from this install.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { eventNames } from '../src/catalog/index.ts';
import { startPlatform } from './helpers/platform.ts';

/** Routes that are pages, not API: the dashboard, the hosted checkout, the carrier script and the reference pages themselves. */
const pages = new Set(['GET /*', 'GET /api/docs', 'GET /api/docs/init.js', 'GET /api/docs/:asset', 'GET /tracking.js', 'GET /checkout/checkout.css',
  'GET /checkout/:offer', 'POST /checkout/:offer', 'GET /checkout/:offer/orders/:transaction', 'POST /checkout/:offer/orders/:transaction/:action']);
const openApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

test('the document validates against the OpenAPI 3.1 schema and documents every registered route', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const answer = await platform.request('GET', '/openapi.json');
  assert.equal(answer.status, 200);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  const document = answer.body;
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document));
  assert.deepEqual(result.errors, undefined, 'the validator found errors');
  assert.equal(result.valid, true);
  assert.equal(validator.version, '3.1');
  const missing = platform.routes.filter((route) => !pages.has(route)).filter((route) => {
    const [method, url] = route.split(' ') as [string, string];
    return document.paths[openApiPath(url)]?.[method.toLowerCase()] === undefined;
  });
  assert.deepEqual(missing, [], 'give these routes their schemas (see README "Adding a route"), or list them here if they are pages');
  for (const page of pages) assert.ok(platform.routes.includes(page), `${page} is no longer registered: drop it from the list`);
});

test('each operation says who may call it, what it answers and its problem+json errors', async () => {
  await using platform = await startPlatform({ role: 'api', rateLimitPerMinute: 100 });
  const document = (await platform.request('GET', '/openapi.json')).body;
  for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(operations)) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(operation.summary, `${where} has a summary`);
      assert.ok(Array.isArray(operation.security), `${where} declares its security`);
      assert.ok(Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)), `${where} documents a success`);
      assert.ok(operation.responses['500']?.content['application/problem+json'], `${where} documents its 500 as a problem`);
    }
  }
  const webhook = document.paths['/api/v1/webhooks/{id}'].patch;
  assert.deepEqual(webhook.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
  assert.deepEqual(Object.keys(webhook.responses).sort(), ['200', '400', '401', '403', '404', '413', '415', '422', '429', '500', '503']);
  assert.match(webhook.responses['404'].description, /`not_found`/);
  assert.deepEqual(document.paths['/api/v1/session'].post.security, [], 'signing in is open');
  assert.deepEqual(document.paths['/oauth/token'].post.security, [{ clientBasic: [] }, {}]);
  assert.ok(document.paths['/oauth/token'].post.requestBody.content['application/x-www-form-urlencoded']);
  assert.deepEqual(document.paths['/healthz'].get.security, []);
  assert.equal(document.paths['/api/v1/webhooks'].post.requestBody.content['application/json'].schema.properties.version.default, '2.0.0');
  assert.equal(document.paths['/api/v1/events'].post.parameters.find((p: { name: string }) => p.name === 'idempotency-key').in, 'header');
  assert.equal(document.paths['/api/v1/deliveries'].get.parameters.find((p: { name: string }) => p.name === 'status').in, 'query');
});

test('the catalogue\'s event data schemas are components with their field docs as x- keywords and samples as examples', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const { components, paths } = (await platform.request('GET', '/openapi.json')).body;
  for (const name of eventNames) {
    const schema = components.schemas[`EventData.${name}`];
    assert.ok(schema, name);
    assert.match(JSON.stringify(schema), /"x-sent-to-affiliates":true/, name);
    assert.equal(schema.examples.length, 1, name);
  }
  const approved = components.schemas['EventData.PURCHASE_APPROVED'];
  assert.equal(approved.properties.buyer.properties.email['x-sent-to-affiliates'], false);
  assert.equal(approved.properties.purchase.properties.transaction['x-sent-to-affiliates'], true);
  const publishExamples = paths['/api/v1/events'].post.requestBody.content['application/json'].examples;
  assert.deepEqual(Object.keys(publishExamples), [...eventNames], 'one publish example per catalogue event');
  assert.deepEqual(publishExamples.SWITCH_PLAN.value.data, components.schemas['EventData.SWITCH_PLAN'].examples[0], 'the sample is the catalogue\'s');
});

test('/api/docs serves Swagger UI from this install with a CSP that allows nothing from elsewhere', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const page = await platform.request('GET', '/api/docs');
  assert.equal(page.status, 200);
  assert.match(page.text, /<script src="\/api\/docs\/swagger-ui-bundle\.js"><\/script>/);
  assert.doesNotMatch(page.text, /https?:\/\//, 'the page loads nothing from another origin');
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self';/);
  assert.doesNotMatch(csp, /https?:/);
  const bundle = await platform.request('GET', '/api/docs/swagger-ui-bundle.js');
  assert.equal(bundle.status, 200);
  assert.ok(bundle.text.length > 100_000);
  assert.match((await platform.request('GET', '/api/docs/init.js')).text, /url: '\/openapi\.json'/);
  assert.equal((await platform.request('GET', '/api/docs/package.json')).status, 404, 'only the two assets are served');
});
