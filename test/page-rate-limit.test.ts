// The API's request budget is the API's: the public pages that visitors of producers' sites load (the carrier script,
// the hosted checkout, the dashboard's files), often many of them behind one proxy's address, never answer 429.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from './helpers/platform.ts';

test('pages stay open past the API budget of their address; the API and a checkout\'s order still count', async () => {
  await using platform = await startPlatform({ rateLimitPerMinute: 5 });
  const tenant = await platform.tenant();
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' })).status, 201);
  const offer = await tenant.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Oferta', price: 497 });
  assert.equal(offer.status, 201, offer.text);
  const from = '127.0.0.7';
  for (const path of ['/tracking.js', offer.body.checkout_path, '/checkout/checkout.css', '/']) {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await platform.request('GET', path, { from })).status);
    assert.deepEqual(statuses, Array(8).fill(200), path);
  }
  const api = [];
  for (let i = 0; i < 6; i++) api.push((await platform.request('GET', '/api/v1/products', { from, headers: { authorization: 'Bearer forged' } })).status);
  assert.deepEqual(api, [401, 401, 401, 401, 401, 429], 'the API still counts this address');
  const order = await platform.request('POST', offer.body.checkout_path, { from, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Ana&email=ana%40example.com' });
  assert.equal(order.status, 429, 'an order is a write: it counts');
});
