// The purchase lifecycle as use cases: create a purchase, move it, each emitting the matching event with the full
// current purchase data, the purchase row and the event committed together.
import { randomInt } from 'node:crypto';
import type { FieldIssue } from '../catalog/index.ts';
import { allowedTransitions, applyTransition, checkTransition, purchaseStates } from '../domain/purchase-lifecycle.ts';
import type { InitialState, PurchaseState } from '../domain/purchase-lifecycle.ts';
import { sha256Hex } from '../security/secrets.ts';
import type { Purchase, SalesStore } from '../store/sales.ts';
import { leftPending } from '../store/publish-rules.ts';
import type { DeliverySummary, Store } from '../store/store.ts';
import { prepareEvent } from './prepare-event.ts';
import { withAlwaysSentKeys } from './purchase-defaults.ts';
import type { AccountId, EventId } from '../domain/ids.ts';

export type PurchaseDeps = { store: SalesStore & Pick<Store, 'publish'>; defaultMaxAttempts: number; wake: () => void; clock: () => number };

export type PurchaseOutcome =
  | { kind: 'recorded'; purchase: Purchase; eventId: EventId; event: string; deliveries: DeliverySummary[] }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'exists'; transaction: string }
  | { kind: 'not_found'; transaction: string }
  | { kind: 'refused'; from: string; to: PurchaseState; allowed: readonly PurchaseState[] };

/**
 * Creates a purchase in `state` from 2.0.0 purchase data; transaction and order date are filled in when absent, as are
 * the keys Hotmart always sends (purchase-defaults.ts), and a subscription's charge without a recurrence_number is its first. Only a later charge (recurrence 2 on) starts delayed.
 */
export async function createPurchase(deps: PurchaseDeps, accountId: AccountId, state: InitialState, data: Record<string, unknown>): Promise<PurchaseOutcome> {
  const now = deps.clock();
  const order = { ...(data.purchase as Record<string, unknown> | undefined) };
  order.transaction ??= `HP${randomInt(10 ** 13, 10 ** 14)}`;
  order.order_date ??= now;
  if (data.subscription !== undefined) order.recurrence_number ??= 1;
  const recurrence = order.recurrence_number;
  // fails closed: a first purchase cannot be overdue; a renewal says which charge it is
  if (state === 'delayed' && !(typeof recurrence === 'number' && recurrence >= 2)) {
    return { kind: 'invalid', issues: [{ path: 'data.purchase.recurrence_number', message: 'a purchase starts delayed only as a subscription renewal: recurrence_number 2 or more' }] };
  }
  const filled = applyTransition(withAlwaysSentKeys({ ...data, purchase: order }), state, now);
  return record(deps, accountId, { transaction: String(order.transaction), from: null, to: state, data: filled }, now);
}

/** Moves a purchase to `to`, merging `changes` (e.g. a refusal reason, the next charge date) into the purchase. */
export async function movePurchase(deps: PurchaseDeps, accountId: AccountId, transaction: string, to: PurchaseState, changes: { purchase?: Record<string, unknown>; subscription?: Record<string, unknown> }): Promise<PurchaseOutcome> {
  const current = await deps.store.getPurchase(accountId, transaction);
  if (!current) return { kind: 'not_found', transaction };
  const check = checkTransition(current.state as PurchaseState, to);
  if (!check.ok) return { kind: 'refused', from: current.state, to, allowed: check.allowed };
  const now = deps.clock();
  const merged = {
    ...current.data,
    purchase: { ...(current.data.purchase as Record<string, unknown>), ...changes.purchase, transaction },
    ...(changes.subscription ? { subscription: { ...(current.data.subscription as Record<string, unknown> | undefined), ...changes.subscription } } : {}),
  };
  return record(deps, accountId, { transaction, from: current.state, to, data: applyTransition(merged, to, now) }, now);
}

type Change = { transaction: string; from: string | null; to: PurchaseState; data: Record<string, unknown> };

async function record(deps: PurchaseDeps, accountId: AccountId, change: Change, now: number): Promise<PurchaseOutcome> {
  const name = purchaseStates[change.to].event;
  const prepared = prepareEvent({ accountId, event: name, data: change.data, requestHash: sha256Hex(`${change.transaction}:${change.from}:${change.to}:${now}`) }, deps.defaultMaxAttempts, now);
  if (prepared.kind === 'invalid') return prepared;
  const result = await deps.store.recordPurchase(accountId, change, prepared.event, prepared.fanOut, now, prepared.affiliates);
  switch (result.kind) {
    case 'exists': return { kind: 'exists', transaction: change.transaction };
    case 'not_found': return { kind: 'not_found', transaction: change.transaction };
    // another request moved it first: report what it is now and what it may become
    case 'conflict': return { kind: 'refused', from: result.current, to: change.to, allowed: allowedTransitions(result.current) };
    case 'recorded':
      if (leftPending(result.published)) deps.wake();
      return { kind: 'recorded', purchase: result.purchase, eventId: result.published.event.id, event: name, deliveries: result.published.deliveries };
  }
}
