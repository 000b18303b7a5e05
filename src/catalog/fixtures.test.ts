import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, validateEnvelope } from './index.ts';
import { loadFixture, loadFixtures } from './test-fixtures.ts';

test('every real Hotmart fixture validates unchanged', async () => {
  const fixtures = await loadFixtures();
  assert.ok(fixtures.length >= 17, `expected the 17 fixtures, found ${fixtures.length}`);
  for (const fixture of fixtures) {
    const result = validateEnvelope(fixture.payload);
    assert.ok(result.ok, `${fixture.file}: ${JSON.stringify(result.ok ? [] : result.issues)}`);
    assert.equal(result.event, fixture.payload.event, fixture.file);
    assert.equal(result.id, fixture.payload.id, fixture.file);
    assert.equal(result.creationDate, fixture.payload.creation_date ?? fixture.payload.creationDate, fixture.file);
    assert.equal(result.data, fixture.payload.data, `${fixture.file}: data is the caller's object, not a copy`);
    assert.deepEqual(fixture.payload, JSON.parse(fixture.text), `${fixture.file}: validation must not mutate`);
  }
});

test('an older (2022) test post is accepted: money without currency, an affiliate with only a name, an empty checkout_country, commissions without currency', async () => {
  const payload = (await loadFixture('PURCHASE_APPROVED.2022.json')) as Record<string, any>;
  const { purchase, affiliates, commissions } = payload.data;
  // the fixture really has the irregularities this test is about
  assert.deepEqual([purchase.price, purchase.full_price], [{ value: 997 }, { value: 997 }]);
  assert.deepEqual(affiliates, [{ name: '' }]);
  assert.deepEqual(purchase.checkout_country, {});
  assert.ok(commissions.every((c: Record<string, unknown>) => c.currency_value === undefined));
  assert.deepEqual(Object.keys(payload), ['data', 'hottok', 'id', 'creation_date', 'event', 'version']);
  const result = validateEnvelope(payload);
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.issues));
  assert.equal(result.id, payload.id);
});

test('the fixtures cover all 15 events', async () => {
  const seen = new Set((await loadFixtures()).map((fixture) => fixture.payload.event));
  assert.deepEqual([...eventNames].filter((name) => !seen.has(name)), []);
});

test('unknown keys survive validation with their order', async () => {
  const payload = await loadFixture('PURCHASE_APPROVED.json');
  const result = validateEnvelope(payload);
  assert.ok(result.ok);
  const purchase = result.data.purchase as Record<string, unknown>;
  assert.equal(purchase.sckPaymentLink, 'sckLinkDePagamentoTeste');
  assert.deepEqual(Object.keys(result.data), ['product', 'affiliates', 'buyer', 'producer', 'commissions', 'purchase', 'subscription']);
});

test('creationDate (camelCase) and hottok in the envelope are accepted', async () => {
  const payload = await loadFixture('UPDATE_SUBSCRIPTION_CHARGE_DATE.json');
  assert.equal(payload.creation_date, undefined);
  assert.equal(typeof payload.hottok, 'string');
  const result = validateEnvelope(payload);
  assert.ok(result.ok);
  assert.equal(result.creationDate, 1764590412215);
});
