import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEventName, purchaseStatusOf } from '../catalog/index.ts';
import { applyTransition, checkTransition, purchaseStateNames, purchaseStates } from './purchase-lifecycle.ts';

test('every state emits a catalogue event whose wire status is the one Hotmart sends with it', () => {
  for (const name of purchaseStateNames) {
    const { event, wire } = purchaseStates[name];
    assert.ok(isEventName(event), event);
    assert.equal(purchaseStatusOf(event), wire, name);
  }
});

test('allowed and refused transitions', () => {
  assert.deepEqual(checkTransition('waiting_payment', 'approved'), { ok: true });
  assert.deepEqual(checkTransition('approved', 'refund_claimed'), { ok: true });
  assert.deepEqual(checkTransition('refund_claimed', 'refunded'), { ok: true });
  assert.deepEqual(checkTransition('waiting_payment', 'refunded'), { ok: false, allowed: ['approved', 'expired', 'canceled'] });
  assert.deepEqual(checkTransition('refunded', 'approved'), { ok: false, allowed: [] });
  assert.equal(checkTransition('approved', 'approved').ok, false, 'the same state twice is not a transition');
});

test('approval stamps approved_date once and sets the wire status', () => {
  const data = { purchase: { transaction: 'HP1', status: 'BILLET_PRINTED' } };
  const approved = applyTransition(data, 'approved', 1000);
  assert.deepEqual(approved.purchase, { transaction: 'HP1', status: 'APPROVED', approved_date: 1000 });
  const again = applyTransition(applyTransition(approved, 'refund_claimed', 2000), 'approved', 3000);
  assert.equal((again.purchase as { approved_date: number }).approved_date, 1000);
  assert.equal((data.purchase as { status: string }).status, 'BILLET_PRINTED', 'input untouched');
});
