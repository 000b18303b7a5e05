// The purchase state machine: which status changes are allowed, and which event each one emits. Pure.
// Postback owns the lifecycle so that the events a receiver gets are always consistent with each other.

/** Lifecycle states as the API names them (lowercase); each maps to Hotmart's 2.0.0 purchase.status and event. */
export const purchaseStates = {
  waiting_payment: { wire: 'BILLET_PRINTED', event: 'PURCHASE_BILLET_PRINTED' },
  approved: { wire: 'APPROVED', event: 'PURCHASE_APPROVED' },
  completed: { wire: 'COMPLETED', event: 'PURCHASE_COMPLETE' },
  refund_claimed: { wire: 'DISPUTE', event: 'PURCHASE_PROTEST' },
  refunded: { wire: 'REFUNDED', event: 'PURCHASE_REFUNDED' },
  chargeback: { wire: 'CHARGEBACK', event: 'PURCHASE_CHARGEBACK' },
  expired: { wire: 'EXPIRED', event: 'PURCHASE_EXPIRED' },
  canceled: { wire: 'CANCELED', event: 'PURCHASE_CANCELED' },
  delayed: { wire: 'DELAYED', event: 'PURCHASE_DELAYED' },
} as const;

export type PurchaseState = keyof typeof purchaseStates;
export const purchaseStateNames = Object.keys(purchaseStates) as PurchaseState[];

/**
 * The states a new purchase may start in: a boleto/PIX waiting for payment, a payment approved at once, or a
 * subscription's later charge that failed on its due date (Hotmart issues a transaction per charge, so an overdue
 * renewal is a new purchase that starts delayed; the lifecycle API allows it only for recurrence 2 and later).
 */
export const initialStates = ['waiting_payment', 'approved', 'delayed'] as const satisfies readonly PurchaseState[];
export type InitialState = (typeof initialStates)[number];

// A refund claim can be withdrawn (back to approved) or end in a refund or a chargeback; a completed purchase
// (guarantee over) can still be charged back by the card issuer; a delayed recurring charge is paid or lost.
const transitions: Record<PurchaseState, readonly PurchaseState[]> = {
  waiting_payment: ['approved', 'expired', 'canceled'],
  approved: ['completed', 'refund_claimed', 'refunded', 'chargeback', 'delayed', 'canceled'],
  completed: ['chargeback', 'delayed'],
  refund_claimed: ['refunded', 'approved', 'chargeback'],
  delayed: ['approved', 'canceled', 'expired'],
  refunded: [],
  chargeback: [],
  expired: [],
  canceled: [],
};

export type TransitionCheck = { ok: true } | { ok: false; allowed: readonly PurchaseState[] };

/** The states `from` may move to; none for an unknown state (fails closed). */
export function allowedTransitions(from: string): readonly PurchaseState[] {
  return Object.hasOwn(transitions, from) ? transitions[from as PurchaseState] : [];
}

export function checkTransition(from: PurchaseState, to: PurchaseState): TransitionCheck {
  const allowed = allowedTransitions(from);
  return allowed.includes(to) ? { ok: true } : { ok: false, allowed };
}

/** The purchase `data` after moving to `to` at `now`: status set; approved_date stamped on the first approval. */
export function applyTransition(data: Record<string, unknown>, to: PurchaseState, now: number): Record<string, unknown> {
  const purchase: Record<string, unknown> = { ...(data.purchase as Record<string, unknown>), status: purchaseStates[to].wire };
  if (to === 'approved' && purchase.approved_date === undefined) purchase.approved_date = now;
  return { ...data, purchase };
}
