// The flat REST-hook body: the same keys for every catalogue event, the accepted data text kept verbatim.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, sampleData } from '../catalog/index.ts';
import type { StoredEvent } from '../store/store.ts';
import { flatItem, renderFlatJson } from './render-flat.ts';
import { renderBody } from './render.ts';
import { asAccountId, asEventId } from '../domain/ids.ts';

const stored = (event: string, data: string): StoredEvent => ({
  id: asEventId('0192b3c4-0000-7000-8000-000000000001'), accountId: asAccountId('a'), event, creationDate: 1741616585000, data, transaction: null, productId: null, isTest: false, createdAt: 0,
});

test('every catalogue event renders the same flat keys, with its product and person filled in', () => {
  const keys = new Set<string>();
  for (const event of eventNames) {
    const item = flatItem(stored(event, JSON.stringify(sampleData(event))));
    keys.add(Object.keys(item).join(','));
    assert.equal(item.event, event);
    assert.equal(item.creation_date, '2025-03-10T14:23:05.000Z');
    assert.equal(typeof item.product_id, 'string', `${event} product_id`);
    assert.equal(typeof item.product_name, 'string', `${event} product_name`);
    assert.match(String(item.buyer_email), /@/, `${event} buyer_email`);
    for (const [key, value] of Object.entries(item)) {
      if (key !== 'data') assert.ok(value === null || ['string', 'number', 'boolean'].includes(typeof value), `${event}.${key} is flat`);
    }
  }
  assert.equal(keys.size, 1, 'one shape for all events');
});

test('the data text is sent byte for byte under data, and the body is what the hook format renders', () => {
  const text = '{"purchase":{"transaction":"HP1","status":"APPROVED","price":{"value":497.0,"currency_value":"BRL"}} ,"product":{"id":1,"name":"Curso"}}';
  const body = renderFlatJson(stored('PURCHASE_APPROVED', text));
  assert.ok(body.endsWith(`,"data":${text}}`));
  assert.equal(renderBody(stored('PURCHASE_APPROVED', text), { version: 'hook', hottokInBody: false }, 'hottok-never-in-it').body, body);
  const item = JSON.parse(body) as Record<string, unknown>;
  assert.deepEqual([item.transaction, item.status, item.price, item.currency, item.product_id, item.buyer_email], ['HP1', 'APPROVED', 497, 'BRL', '1', null]);
  assert.ok(!body.includes('hottok-never-in-it'));
});

test('an event stored with a creation date no Date holds renders with that date left out, not a throw', () => {
  // accepted by the API before creation_date was bounded: its REST-hook deliveries and samples threw RangeError
  const event = { ...stored('PURCHASE_APPROVED', JSON.stringify(sampleData('PURCHASE_APPROVED'))), creationDate: 9e15 };
  assert.equal(flatItem(event).creation_date, null);
  assert.equal(JSON.parse(renderFlatJson(event)).creation_date, null);
});
