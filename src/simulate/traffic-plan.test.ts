import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEventData } from '../catalog/index.ts';
import { modernShapeGaps } from '../catalog/test-modern-shape.ts';
import { planTraffic, trafficPlan } from './traffic-plan.ts';
import type { Journey, Step } from './traffic-plan.ts';

type Json = Record<string, any>;
const steps = planTraffic(11, 400).flat();
const creates = steps.filter((step): step is Extract<Step, { kind: 'create' }> => step.kind === 'create');
const events = steps.filter((step): step is Extract<Step, { kind: 'event' }> => step.kind === 'event');

test('the same seed and start give the same traffic; another seed or start, other traffic', () => {
  assert.deepEqual(planTraffic(11, 40, 1_700_000_000_000), planTraffic(11, 40, 1_700_000_000_000));
  assert.notDeepEqual(planTraffic(11, 40), planTraffic(12, 40));
  assert.notDeepEqual(planTraffic(11, 40, 1_700_000_000_000), planTraffic(11, 40, 1_800_000_000_000));
});

test('the lazy plan is the array plan, journey by journey, and draws only the journeys taken from it', () => {
  for (const seed of [1, 7, 42, 10001]) {
    assert.deepEqual([...trafficPlan(seed, 60, 1_700_000_000_000)], planTraffic(seed, 60, 1_700_000_000_000), `seed ${seed}`);
    // the documented maximum: taking its first journeys draws those alone (the whole of it did not fit in memory)
    const taken: Journey[] = [];
    for (const journey of trafficPlan(seed, 1_000_000, 1_700_000_000_000)) if (taken.push(journey) === 40) break;
    assert.deepEqual(taken, planTraffic(seed, 40, 1_700_000_000_000), `the first 40 of 1,000,000, seed ${seed}`);
  }
});

const shapeOf = (plan: Journey[]) => plan.map((journey) => journey.map((step) => (step.kind === 'event' ? step.event : `${step.kind}:${step.status}`)));
const transactionsOf = (plan: Journey[]) => new Set(plan.flat().flatMap((step) => (step.kind === 'event' ? [] : [step.transaction])));

test('a seed played again (a later start) has the same shape with new transactions; seeds that end alike share none either', () => {
  const first = planTraffic(1, 100, 1_700_000_000_000);
  const again = planTraffic(1, 100, 1_700_000_060_000);
  assert.deepEqual(shapeOf(again), shapeOf(first), 'the seed decides the traffic');
  const shared = (a: Set<string>, b: Set<string>) => [...a].filter((transaction) => b.has(transaction));
  assert.deepEqual(shared(transactionsOf(first), transactionsOf(again)), [], 'a second run on the same account creates, never 409s');
  // the ids once took the seed's last 4 digits: 10001 replayed seed 1's
  assert.deepEqual(shared(transactionsOf(first), transactionsOf(planTraffic(10001, 100, 1_700_000_000_000))), []);
});

// What a real sale of that kind lacks, and why; everything else of Hotmart's modern test post must be there.
function absentByDesign(data: Json): string[] {
  const purchase = data.purchase;
  return [
    'purchase.approved_date', 'purchase.order_date', 'purchase.status', // the lifecycle API stamps these
    ...(data.subscription ? [] : ['subscription']), // a one-off sale
    ...(purchase.order_bump.is_order_bump ? [] : ['purchase.order_bump.parent_purchase_transaction']),
    ...(purchase.offer.coupon_code === undefined ? ['purchase.offer.coupon_code'] : []),
  ];
}

test('every simulated charge validates and carries the full modern shape of a Hotmart purchase', () => {
  assert.ok(creates.length > 200, `${creates.length} charges`);
  for (const step of creates) {
    const data = step.data as Json;
    const checked = validateEventData('PURCHASE_APPROVED', { ...data, purchase: { ...data.purchase, status: 'APPROVED' } });
    assert.ok(checked.ok, JSON.stringify(checked.ok ? [] : checked.issues));
    assert.deepEqual(modernShapeGaps('PURCHASE_APPROVED', data, absentByDesign(data)), [], step.transaction);
    assert.match(step.transaction, /^HP\d+$/);
  }
  const kinds = new Set(creates.map((step) => `${(step.data as Json).purchase.order_bump.is_order_bump}/${(step.data as Json).subscription !== undefined}`));
  assert.deepEqual([...kinds].sort(), ['false/false', 'false/true', 'true/false'], 'one-off sales, subscriptions and order bumps all occur');
});

function parseTlv(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (let at = 0; at < text.length;) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    assert.ok(Number.isInteger(length) && at + 4 + length <= text.length, `field ${id} at ${at} overruns the code`);
    fields.set(id, text.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text)) for (let bit = 7; bit >= 0; bit--) {
    const top = ((crc >> 15) & 1) ^ ((byte >> bit) & 1);
    crc = ((crc << 1) & 0xffff) ^ (top ? 0x1021 : 0);
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

test('PIX charges carry a well-formed BR Code for their amount, its QR link and expiry; boletos their link and typeable line', () => {
  const byMethod = (type: string) => creates.map((step) => (step.data as Json).purchase).filter((purchase) => purchase.payment.type === type);
  const pix = byMethod('PIX');
  const billet = byMethod('BILLET');
  assert.ok(pix.length > 10 && billet.length > 10, `${pix.length} PIX, ${billet.length} boletos`);
  for (const purchase of pix) {
    const { pix_code: code, pix_qrcode: qr, pix_expiration_date: expires } = purchase.payment;
    const fields = parseTlv(code);
    assert.equal(fields.get('54'), purchase.price.value.toFixed(2), 'the amount');
    assert.equal(parseTlv(fields.get('26')!).get('00'), 'br.gov.bcb.pix');
    assert.equal(fields.get('63'), crc16(code.slice(0, -4)), 'the CRC16 of everything before it');
    assert.match(qr, /^https:\/\//);
    assert.equal(typeof expires, 'number');
    assert.equal(purchase.payment.billet_url, undefined);
  }
  for (const purchase of billet) {
    const { billet_url: url, billet_barcode: line } = purchase.payment;
    assert.match(url, /^https:\/\//);
    assert.match(line, /^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/);
    assert.equal(Number(line.slice(-10)), Math.round(purchase.price.value * 100), 'the amount in cents ends the line');
    assert.equal(purchase.payment.pix_code, undefined);
  }
});

test('a subscription is charged again as new transactions: recurrence 1, 2, 3... with the next charge moving on', () => {
  const bySubscriber = new Map<string, Json[]>();
  for (const step of creates) {
    const code = (step.data as Json).subscription?.subscriber.code;
    if (code) bySubscriber.set(code, [...(bySubscriber.get(code) ?? []), (step.data as Json).purchase]);
  }
  const renewed = [...bySubscriber.values()].filter((charges) => charges.length > 1);
  assert.ok(renewed.length > 10, `${renewed.length} subscriptions renewed`);
  for (const charges of renewed) {
    assert.deepEqual(charges.map((purchase) => purchase.recurrence_number), charges.map((_, i) => i + 1));
    assert.equal(new Set(charges.map((purchase) => purchase.transaction)).size, charges.length, 'one transaction per charge');
    for (let i = 1; i < charges.length; i++) assert.ok(charges[i]!.date_next_charge > charges[i - 1]!.date_next_charge);
  }
  const delayed = creates.filter((step) => step.status === 'delayed');
  assert.ok(delayed.length > 0 && delayed.every((step) => (step.data as Json).purchase.recurrence_number >= 2), 'only renewals start delayed');
});

test("subscription and club events are spelled as production's and name the subscriber's own data", () => {
  const of = (name: string) => events.filter((step) => step.event === name).map((step) => step.data as Json);
  for (const name of ['UPDATE_SUBSCRIPTION_CHARGE_DATE', 'SWITCH_PLAN', 'SUBSCRIPTION_CANCELLATION', 'PURCHASE_OUT_OF_SHOPPING_CART', 'CLUB_FIRST_ACCESS', 'CLUB_MODULE_COMPLETED'] as const) {
    const all = of(name);
    assert.ok(all.length > 0, name);
    for (const data of all) {
      assert.ok(validateEventData(name, data).ok, name);
      assert.deepEqual(modernShapeGaps(name, data), [], name);
    }
  }
  const subscribers = new Map(creates.map((step) => [(step.data as Json).subscription?.subscriber.code, (step.data as Json).buyer.email]));
  for (const data of of('UPDATE_SUBSCRIPTION_CHARGE_DATE')) {
    assert.equal(data.subscription.dateNextCharge, undefined, 'snake_case only');
    assert.equal(subscribers.get(data.subscriber.code), data.subscriber.email);
  }
  for (const data of of('SUBSCRIPTION_CANCELLATION')) assert.equal(subscribers.get(data.subscriber.code), data.subscriber.email);
  for (const data of of('SWITCH_PLAN')) assert.equal(subscribers.get(data.subscription.subscriber_code), data.subscription.user.email);
  for (const data of [...of('CLUB_FIRST_ACCESS'), ...of('CLUB_MODULE_COMPLETED')]) assert.equal(typeof data.product.id, 'string');
});
