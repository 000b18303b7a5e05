import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, formatVersions, sampleData, validateEnvelope, validateLegacyForm } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import type { StoredEvent } from '../store/store.ts';
import { renderBody } from './render.ts';
import { maskHottok } from './request-headers.ts';

const hottok = 'hottok_0123456789abcdef';

function stored(event: EventName): StoredEvent {
  return {
    id: crypto.randomUUID(), accountId: 'acc', event, creationDate: 1741616585000, data: JSON.stringify(sampleData(event)),
    transaction: null, productId: null, isTest: false, createdAt: 1741616585000,
  };
}

test('every event Postback emits, in both formats, validates against the catalogue', () => {
  assert.deepEqual([...formatVersions], ['2.0.0', '1.0.0']);
  for (const event of eventNames) {
    const row = stored(event);
    const json = renderBody(row, '2.0.0', hottok);
    assert.equal(json.contentType, 'application/json');
    const envelope = validateEnvelope(JSON.parse(json.body));
    assert.ok(envelope.ok, `${event} 2.0.0: ${JSON.stringify(envelope.ok ? [] : envelope.issues)}`);
    const form = renderBody(row, '1.0.0', hottok);
    assert.equal(form.contentType, 'application/x-www-form-urlencoded');
    const legacy = validateLegacyForm(form.body, event);
    assert.ok(legacy.ok, `${event} 1.0.0: ${JSON.stringify(legacy.ok ? [] : legacy.issues)}`);
    assert.equal(legacy.fields.hottok, hottok);
    assert.ok(!json.body.includes(hottok), 'the 2.0.0 body never carries the hottok; the header does');
  }
});

test('rendering is pure: same bytes every time; the history renders 1.0.0 with the hottok masked', () => {
  const row = stored('PURCHASE_APPROVED');
  assert.equal(renderBody(row, '1.0.0', hottok).body, renderBody(row, '1.0.0', hottok).body);
  const masked = renderBody(row, '1.0.0', maskHottok(hottok)).body;
  assert.equal(new URLSearchParams(masked).get('hottok'), '********cdef');
  assert.ok(!masked.includes(hottok));
  assert.throws(() => renderBody(row, '3.0.0', hottok), /no renderer for format version 3\.0\.0/);
});
