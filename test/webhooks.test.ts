// Products and webhook configurations through the API: validation, secrets, scoping between accounts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from './helpers/platform.ts';

const hook = { name: 'Members area', url: 'https://members.example.com/hotmart', events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] };

test('create, read, list, change and remove a webhook; the whsec_ secret is shown only on create', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', hook);
  assert.equal(created.status, 201);
  assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.deepEqual({ ...created.body, id: undefined, secret: undefined, created_at: undefined, updated_at: undefined }, {
    ...hook, id: undefined, secret: undefined, created_at: undefined, updated_at: undefined,
    products: 'all', version: '2.0.0', max_attempts: null, hottok_in_body: false, enabled: true, disabled_reason: null, disabled_at: null,
    circuit: { open: false, opened_at: null, timeouts_in_a_row: 0 }, postback: null,
  });
  const read = await tenant.call('GET', `/api/v1/webhooks/${created.body.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.secret, undefined);
  const patched = await tenant.call('PATCH', `/api/v1/webhooks/${created.body.id}`, { name: 'Renamed', enabled: false });
  assert.equal(patched.body.name, 'Renamed');
  assert.equal(patched.body.enabled, false);
  assert.equal(patched.body.disabled_reason, 'disabled by the owner');
  const reenabled = await tenant.call('PATCH', `/api/v1/webhooks/${created.body.id}`, { enabled: true });
  assert.equal(reenabled.body.disabled_reason, null);
  assert.equal((await tenant.call('GET', '/api/v1/webhooks')).body.items.length, 1);
  assert.equal((await tenant.call('DELETE', `/api/v1/webhooks/${created.body.id}`)).status, 204);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${created.body.id}`)).status, 404);
  assert.equal((await tenant.call('DELETE', `/api/v1/webhooks/${created.body.id}`)).status, 404);
});

test('bad webhook input is a 422 naming each field, and nothing is written', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const cases: [unknown, string][] = [
    [{ ...hook, url: 'ftp://example.com/x' }, 'body.url'],
    [{ ...hook, url: 'not a url' }, 'body.url'],
    [{ ...hook, url: `https://example.com/${'a'.repeat(3000)}` }, 'body.url'],
    [{ ...hook, events: [] }, 'body.events'],
    [{ ...hook, events: ['PURCHASE_EXPLODED'] }, 'body.events.0'],
    [{ ...hook, events: 'PURCHASE_APPROVED' }, 'body.events'],
    [{ ...hook, name: '' }, 'body.name'],
    [{ ...hook, version: '3.0.0' }, 'body.version'],
    [{ ...hook, products: ['999'] }, 'body.products'],
    [{ ...hook, products: [] }, 'body.products'],
    [{ ...hook, max_attempts: 0 }, 'body.max_attempts'],
    [{ ...hook, hottok_in_body: 'yes' }, 'body.hottok_in_body'],
    [{ ...hook, surprise: true }, 'body'],
    [{ url: hook.url, events: hook.events }, 'body.name'],
    [[hook], 'body'],
  ];
  for (const [body, path] of cases) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', body);
    assert.equal(answer.status, 422, JSON.stringify(body).slice(0, 120));
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.ok(answer.body.errors.some((error: { path: string }) => error.path === path), `${path} in ${JSON.stringify(answer.body.errors)}`);
  }
  const notJson = await tenant.call('POST', '/api/v1/webhooks', '{"name": "x",');
  assert.equal(notJson.status, 400);
  assert.equal(notJson.body.code, 'malformed_json');
  const wrongType = await tenant.call('POST', '/api/v1/webhooks', 'name=x', { 'content-type': 'text/plain' });
  assert.equal(wrongType.status, 415);
  const poisoned = await tenant.call('POST', '/api/v1/webhooks', '{"__proto__": {"admin": true}, "name": "x"}');
  assert.equal(poisoned.status, 400);
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);
  const patchNothing = await tenant.call('PATCH', '/api/v1/webhooks/whatever', {});
  assert.equal(patchNothing.status, 422);
});

test('products: create with or without an id, list, conflict on a duplicate id; webhooks may scope to them', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const course = await tenant.call('POST', '/api/v1/products', { id: '213344', name: 'Curso de Confeitaria' });
  assert.equal(course.status, 201);
  const generated = await tenant.call('POST', '/api/v1/products', { name: 'E-book' });
  assert.match(generated.body.id, /^\d{7}$/);
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '213344', name: 'Again' })).status, 409);
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: 'has space', name: 'x' })).status, 422);
  const withUcode = await tenant.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso', ucode: 'E35A1769-6b38-4401-aa19-0c37cedd7c93' });
  assert.equal(withUcode.status, 201, withUcode.text);
  assert.deepEqual((await tenant.call('GET', '/api/v1/products')).body.items.map((p: { id: string }) => p.id), ['213344', generated.body.id, '3718245']);
  const scoped = await tenant.call('POST', '/api/v1/webhooks', { ...hook, products: ['213344'] });
  assert.equal(scoped.status, 201);
  assert.deepEqual(scoped.body.products, ['213344']);
});

test('a product takes the id and ucode shapes payloads carry, so webhooks scoped to it can match; the API says so when they are wrong', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const refused: [Record<string, unknown>, string, RegExp][] = [
    [{ id: 'abc', name: 'Curso' }, 'body.id', /data\.product\.id: digits only/],
    [{ id: '0123', name: 'Curso' }, 'body.id', /no leading zeros/],
    [{ id: '12.5', name: 'Curso' }, 'body.id', /digits only/],
    [{ id: '3718245', name: 'Curso', ucode: 'abc' }, 'body.ucode', /UUID.*data\.product\.ucode/],
  ];
  for (const [body, path, message] of refused) {
    const answer = await tenant.call('POST', '/api/v1/products', body);
    assert.equal(answer.status, 422, JSON.stringify(body));
    const error = answer.body.errors.find((item: { path: string }) => item.path === path);
    assert.match(error?.message ?? '', message, JSON.stringify(answer.body.errors));
  }
  assert.deepEqual((await tenant.call('GET', '/api/v1/products')).body.items, [], 'nothing was written');
  const scoped = await tenant.call('POST', '/api/v1/webhooks', { ...hook, products: ['abc'] });
  assert.equal(scoped.status, 422);
  assert.ok(scoped.body.errors.some((item: { path: string; message: string }) => item.path === 'body.products.0' && /digits only/.test(item.message)));
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '0', name: 'Test posts' })).status, 201, "Hotmart's test posts carry product id 0");
});

test('a product scope keeps each id once', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  for (const id of ['213344', '213345']) assert.equal((await tenant.call('POST', '/api/v1/products', { id, name: `Curso ${id}` })).status, 201);
  const repeated = await tenant.call('POST', '/api/v1/webhooks', { ...hook, products: ['213344', '213345', '213344'] });
  assert.equal(repeated.status, 201, repeated.text);
  assert.deepEqual(repeated.body.products, ['213344', '213345'], 'each id once');
  const patched = await tenant.call('PATCH', `/api/v1/webhooks/${repeated.body.id}`, { products: ['213345', '213345'] });
  assert.deepEqual(patched.body.products, ['213345']);
});

test('a product scope takes at most 1000 ids, or "all" in lower case; the API says so', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const refused: [unknown, RegExp][] = [
    [Array.from({ length: 1001 }, (_, i) => String(i + 1)), /at most 1000 product ids; use "all" for every product/],
    ['ALL', /expected "all" \(in lower case\) or a list of product ids/],
    [213344, /expected "all" \(in lower case\) or a list of product ids/],
  ];
  for (const [products, message] of refused) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', { ...hook, products });
    assert.equal(answer.status, 422, answer.text.slice(0, 200));
    assert.match(answer.body.detail, message);
    assert.deepEqual(answer.body.errors.map((error: { path: string }) => error.path), ['body.products']);
  }
});

test('a webhook keeps the ids of products gone since (deleted, or an affiliation ended): an edit saves; an id it adds must exist', async () => {
  await using platform = await startPlatform();
  const producer = await platform.tenant('Producer');
  const affiliate = await platform.tenant('Affiliate', 'affiliate');
  for (const id of ['5550001', '5550003']) assert.equal((await producer.call('POST', '/api/v1/products', { id, name: `Curso ${id}` })).status, 201);
  const affiliations = [];
  for (const id of ['5550001', '5550003']) affiliations.push((await producer.call('POST', `/api/v1/products/${id}/affiliations`, { affiliate_account_id: affiliate.account_id })).body.id);
  const promoted = await affiliate.call('POST', '/api/v1/webhooks', { ...hook, products: ['5550001', '5550003'] });
  const own = await producer.call('POST', '/api/v1/webhooks', { ...hook, products: ['5550001', '5550003'] });
  assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliations[1]}`)).status, 204);
  assert.equal((await producer.call('DELETE', '/api/v1/products/5550003')).body.result, 'deleted');

  // what the dashboard's form sends: every field, the scope as it was
  for (const [tenant, webhook] of [[affiliate, promoted], [producer, own]] as const) {
    const renamed = await tenant.call('PATCH', `/api/v1/webhooks/${webhook.body.id}`, { name: 'Renamed', url: hook.url, events: hook.events, products: ['5550001', '5550003'] });
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual(renamed.body.products, ['5550001', '5550003']);
    const narrowed = await tenant.call('PATCH', `/api/v1/webhooks/${webhook.body.id}`, { products: ['5550001'] });
    assert.deepEqual(narrowed.body.products, ['5550001'], 'the gone id can be left out');
    const readded = await tenant.call('PATCH', `/api/v1/webhooks/${webhook.body.id}`, { products: ['5550001', '5550003'] });
    assert.equal(readded.status, 422, 'once left out, it is an id added: checked again');
  }
  const forAffiliate = await affiliate.call('PATCH', `/api/v1/webhooks/${promoted.body.id}`, { products: ['5550001', '999'] });
  assert.match(forAffiliate.body.detail, /^Unknown product ids: 999\. .*ask the product's producer to affiliate you to it/);
  assert.doesNotMatch(forAffiliate.body.detail, /POST \/api\/v1\/products/, 'an affiliate is not told to create the product');
  assert.deepEqual(forAffiliate.body.errors, [{ path: 'body.products', message: 'no product "999" of this account or affiliated to it' }]);
  const forProducer = await producer.call('PATCH', `/api/v1/webhooks/${own.body.id}`, { products: ['999'] });
  assert.match(forProducer.body.detail, /^Unknown product ids: 999\. Create them with POST \/api\/v1\/products first/);
});
