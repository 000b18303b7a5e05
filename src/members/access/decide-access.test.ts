import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { accessAt, decideAccess } from './decide-access.ts';
import type { AccessFact } from './decide-access.ts';

const day = 86_400_000;
const T0 = 1_750_000_000_000;
const grace = 7 * day;
let next = 0;
const fact = (event: string, overrides: Partial<AccessFact> = {}): AccessFact => ({
  eventId: `e${++next}`, event, occurredAt: T0, transaction: 'HP1', subscriberCode: null, recurrenceNumber: null, dateNextCharge: null, ...overrides,
});
const decide = (...facts: AccessFact[]) => decideAccess(facts, grace);

test('a one-time purchase opens on approval or completion and closes for good on a refund, chargeback or cancellation', () => {
  const approved = fact('PURCHASE_APPROVED');
  assert.deepEqual(decide(approved), { access: 'live', until: null, reason: 'purchased', decidedBy: [approved.eventId] });
  assert.equal(decide(fact('PURCHASE_COMPLETE')).access, 'live');
  const refund = fact('PURCHASE_REFUNDED', { occurredAt: T0 + day });
  assert.deepEqual(decide(approved, refund), { access: 'closed', until: null, reason: 'refunded', decidedBy: [refund.eventId] });
  assert.equal(decide(refund, approved).reason, 'refunded', 'a refund that arrives first still ends closed');
  assert.equal(decide(refund, fact('PURCHASE_APPROVED', { occurredAt: T0 + 2 * day })).access, 'closed', 'a late approval does not open it again');
  assert.equal(decide(approved, fact('PURCHASE_CHARGEBACK')).reason, 'charged_back');
  assert.equal(decide(approved, fact('PURCHASE_CANCELED')).reason, 'canceled');
  assert.equal(decide(approved, fact('PURCHASE_PROTEST')).access, 'live', 'a refund claim never closes');
  assert.equal(decide(fact('PURCHASE_PROTEST')).access, 'none', 'nor opens');
  assert.equal(decide(approved, fact('PURCHASE_REFUNDED', { transaction: 'HP2' })).access, 'live', 'another purchase\'s refund is not this one\'s');
  assert.equal(decide().access, 'none');
});

test('a subscription follows its latest charge; a renewal extends it; an overdue charge has a grace period; a cancellation lasts the paid period', () => {
  const sub = { subscriberCode: 'S1' };
  const first = fact('PURCHASE_APPROVED', { ...sub, transaction: 'HP1', recurrenceNumber: 1, dateNextCharge: T0 + 30 * day });
  const renewal = fact('PURCHASE_APPROVED', { ...sub, transaction: 'HP2', recurrenceNumber: 2, occurredAt: T0 + 30 * day, dateNextCharge: T0 + 60 * day });
  assert.deepEqual(decide(first, renewal), { access: 'live', until: null, reason: 'subscribed', decidedBy: [renewal.eventId] });
  assert.equal(decide(renewal, first, fact('PURCHASE_REFUNDED', { ...sub, transaction: 'HP1', recurrenceNumber: 1 })).access, 'live', 'an older charge refunded: the latest still pays');
  assert.equal(decide(first, renewal, fact('PURCHASE_CHARGEBACK', { ...sub, transaction: 'HP2', recurrenceNumber: 2 })).reason, 'charged_back');

  const delayed = fact('PURCHASE_DELAYED', { ...sub, transaction: 'HP3', recurrenceNumber: 3, occurredAt: T0 + 60 * day });
  const overdue = decide(first, renewal, delayed);
  assert.deepEqual([overdue.access, overdue.reason, overdue.until], ['live', 'payment_overdue', T0 + 60 * day + grace]);
  assert.equal(accessAt(overdue, T0 + 60 * day + grace - 1), 'live');
  assert.equal(accessAt(overdue, T0 + 60 * day + grace), 'closed', 'the grace ends');
  const paidLate = fact('PURCHASE_APPROVED', { ...sub, transaction: 'HP3', recurrenceNumber: 3, occurredAt: T0 + 62 * day });
  assert.equal(decide(first, renewal, delayed, paidLate).reason, 'subscribed', 'the overdue charge was paid');

  const cancellation = fact('SUBSCRIPTION_CANCELLATION', { ...sub, transaction: null, occurredAt: T0 + 40 * day, dateNextCharge: T0 + 60 * day });
  const canceled = decide(first, renewal, cancellation);
  assert.deepEqual([canceled.access, canceled.reason, canceled.until], ['live', 'subscription_canceled', T0 + 60 * day]);
  assert.equal(accessAt(canceled, T0 + 59 * day), 'live');
  assert.equal(accessAt(canceled, T0 + 60 * day), 'closed', 'then it ends');
  const withoutDate = decide(first, renewal, { ...cancellation, dateNextCharge: null });
  assert.equal(withoutDate.until, T0 + 60 * day, 'without its own date, the latest paid period named by a charge');
  const cameBack = fact('PURCHASE_APPROVED', { ...sub, transaction: 'HP4', recurrenceNumber: 3, occurredAt: T0 + 70 * day });
  assert.deepEqual([decide(first, renewal, cancellation, cameBack).reason, decide(first, renewal, cancellation, cameBack).until], ['subscribed', null], 'paid again after cancelling');
  assert.equal(decide(cancellation).access, 'none', 'a cancellation alone opens nothing');
});

test('the product is open while any of the student\'s purchases is; the one open longest speaks', () => {
  const refunded = [fact('PURCHASE_APPROVED', { transaction: 'HPA' }), fact('PURCHASE_REFUNDED', { transaction: 'HPA' })];
  const second = fact('PURCHASE_APPROVED', { transaction: 'HPB' });
  assert.equal(decide(...refunded, second).access, 'live');
  assert.equal(decide(...refunded).access, 'closed');
});

// a stream over two purchases and a subscription, every kind of event the rules know, with dates that matter
const stream: AccessFact[] = [
  fact('PURCHASE_APPROVED', { transaction: 'HPX' }), fact('PURCHASE_COMPLETE', { transaction: 'HPX', occurredAt: T0 + 8 * day }),
  fact('PURCHASE_PROTEST', { transaction: 'HPX', occurredAt: T0 + 3 * day }), fact('PURCHASE_REFUNDED', { transaction: 'HPX', occurredAt: T0 + 9 * day }),
  fact('PURCHASE_APPROVED', { transaction: 'HPS1', subscriberCode: 'S', recurrenceNumber: 1, dateNextCharge: T0 + 30 * day }),
  fact('PURCHASE_APPROVED', { transaction: 'HPS2', subscriberCode: 'S', recurrenceNumber: 2, occurredAt: T0 + 30 * day, dateNextCharge: T0 + 60 * day }),
  fact('PURCHASE_DELAYED', { transaction: 'HPS3', subscriberCode: 'S', recurrenceNumber: 3, occurredAt: T0 + 60 * day }),
  fact('SUBSCRIPTION_CANCELLATION', { transaction: null, subscriberCode: 'S', occurredAt: T0 + 61 * day, dateNextCharge: T0 + 60 * day }),
  fact('PURCHASE_CANCELED', { transaction: 'HPS3', subscriberCode: 'S', recurrenceNumber: 3, occurredAt: T0 + 63 * day }),
];

test('the decision depends on which events there are, never on their order or repeats', () => {
  fc.assert(fc.property(fc.subarray(stream), fc.array(fc.nat(), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 6 }), (subset, order, repeats) => {
    const shuffled = subset.map((item, index) => ({ item, key: order[index] ?? index })).sort((a, b) => a.key - b.key).map(({ item }) => item);
    const duplicated = [...shuffled, ...repeats.filter(() => subset.length > 0).map((n) => subset[n % subset.length]!)];
    assert.deepEqual(decideAccess(duplicated, grace), decideAccess(subset, grace));
  }), { numRuns: 500 });
});
