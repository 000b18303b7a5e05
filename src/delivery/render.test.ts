import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, formatVersions, sampleData, validateEnvelope, validateLegacyForm } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { readFixture } from '../catalog/test-fixtures.ts';
import type { StoredEvent } from '../store/store.ts';
import { renderBody } from './render.ts';
import { maskHottok } from './request-headers.ts';
import { asAccountId, asEventId } from '../domain/ids.ts';

const hottok = 'hottok_0123456789abcdef';
const json = { version: '2.0.0', hottokInBody: false };
const form = { version: '1.0.0', hottokInBody: false };

function stored(event: EventName, isTest = false): StoredEvent {
  return {
    id: asEventId(crypto.randomUUID()), accountId: asAccountId('acc'), event, creationDate: 1741616585000, data: JSON.stringify(sampleData(event)),
    transaction: null, productId: null, isTest, createdAt: 1741616585000,
  };
}

test('every event Postback emits, in both formats, validates against the catalogue', () => {
  assert.deepEqual([...formatVersions], ['2.0.0', '1.0.0']);
  for (const event of eventNames) {
    const row = stored(event);
    const rendered = renderBody(row, json, hottok);
    assert.equal(rendered.contentType, 'application/json');
    const envelope = validateEnvelope(JSON.parse(rendered.body));
    assert.ok(envelope.ok, `${event} 2.0.0: ${JSON.stringify(envelope.ok ? [] : envelope.issues)}`);
    const legacyBody = renderBody(row, form, hottok);
    assert.equal(legacyBody.contentType, 'application/x-www-form-urlencoded');
    const legacy = validateLegacyForm(legacyBody.body, event);
    assert.ok(legacy.ok, `${event} 1.0.0: ${JSON.stringify(legacy.ok ? [] : legacy.issues)}`);
    assert.equal(legacy.fields.hottok, hottok);
  }
});

test("the 2.0.0 envelope has production's key order: data, hottok where present, id, creation date, event, version", () => {
  // the project's 2022 test post keeps the order production sends
  assert.deepEqual(Object.keys(readFixture('PURCHASE_APPROVED.2022.json')), ['data', 'hottok', 'id', 'creation_date', 'event', 'version']);
  const plain = JSON.parse(renderBody(stored('PURCHASE_APPROVED'), json, hottok).body);
  assert.deepEqual(Object.keys(plain), ['data', 'id', 'creation_date', 'event', 'version']);
  const test = JSON.parse(renderBody(stored('PURCHASE_APPROVED', true), json, hottok).body);
  assert.deepEqual(Object.keys(test), ['data', 'hottok', 'id', 'creation_date', 'event', 'version']);
  const club = JSON.parse(renderBody(stored('CLUB_FIRST_ACCESS'), json, hottok).body);
  assert.deepEqual(Object.keys(club), ['data', 'id', 'creationDate', 'event', 'version'], 'production spells it creationDate for CLUB_FIRST_ACCESS');
  assert.equal(club.creationDate, 1741616585000);
});

test('the hottok is in the 2.0.0 body where Hotmart puts it (test posts, UPDATE_SUBSCRIPTION_CHARGE_DATE) and wherever the webhook asks', () => {
  const carries = (row: StoredEvent, hottokInBody: boolean) => JSON.parse(renderBody(row, { version: '2.0.0', hottokInBody }, hottok).body).hottok;
  for (const event of eventNames) {
    const expected = event === 'UPDATE_SUBSCRIPTION_CHARGE_DATE' ? hottok : undefined;
    assert.equal(carries(stored(event), false), expected, `${event} as production sends it`);
    assert.equal(carries(stored(event, true), false), hottok, `${event} test post`);
    assert.equal(carries(stored(event), true), hottok, `${event} with hottok_in_body`);
  }
});

test('rendering is pure: same bytes every time; the history renders the hottok masked in both formats', () => {
  const row = stored('PURCHASE_APPROVED');
  assert.equal(renderBody(row, form, hottok).body, renderBody(row, form, hottok).body);
  const masked = renderBody(row, form, maskHottok(hottok)).body;
  assert.equal(new URLSearchParams(masked).get('hottok'), '********cdef');
  assert.ok(!masked.includes(hottok));
  const maskedJson = renderBody(row, { version: '2.0.0', hottokInBody: true }, maskHottok(hottok)).body;
  assert.equal(JSON.parse(maskedJson).hottok, '********cdef');
  assert.ok(!maskedJson.includes(hottok));
  assert.throws(() => renderBody(row, { version: '3.0.0', hottokInBody: false }, hottok), /no renderer for format version 3\.0\.0/);
});
