// The legacy 1.0.0 `status` values and the map from 2.0.0 `purchase.status` to them.
import type { PurchaseStatus } from '../definitions.ts';

/** Every lowercase status the legacy form sends, spelled as Hotmart sent them (`wayting_payment` included, sic). */
export const legacyStatuses = [
  'started', 'approved', 'canceled', 'billet_printed', 'refunded', 'dispute', 'completed', 'blocked',
  'chargeback', 'delayed', 'expired', 'wayting_payment',
] as const;

export type LegacyStatus = (typeof legacyStatuses)[number];

// Typed over every 2.0.0 status, so adding one to purchaseStatuses fails the type check until it is mapped here.
// The nine statuses Hotmart sends with its events map one to one; the rest of its documented enum maps to the
// nearest legacy meaning. `wayting_payment` (Hotmart's own misspelling, kept because receivers compare it
// literally) takes the states where money is expected but not yet confirmed and no better match exists.
const statusMap: { readonly [S in PurchaseStatus]: LegacyStatus } = {
  APPROVED: 'approved',
  COMPLETED: 'completed',
  CANCELED: 'canceled',
  REFUNDED: 'refunded',
  CHARGEBACK: 'chargeback',
  DISPUTE: 'dispute',
  EXPIRED: 'expired',
  DELAYED: 'delayed',
  BILLET_PRINTED: 'billet_printed',
  STARTED: 'started',
  BLOCKED: 'blocked',
  CANCELLED: 'canceled', // the documented spelling of CANCELED
  COMPLETE: 'completed',
  NO_FUNDS: 'canceled', // a refused payment: Hotmart cancels the purchase (PURCHASE_CANCELED carries refusal_reason)
  OVERDUE: 'delayed',
  // the nearest legacy value; a receiver that revokes on a full refund also sees this one, as it did under 1.0.0
  PARTIALLY_REFUNDED: 'refunded',
  PRE_ORDER: 'wayting_payment', // no better match: ordered, not paid yet
  PRINTED_BILLET: 'billet_printed', // the documented spelling of BILLET_PRINTED
  PROCESSING_TRANSACTION: 'wayting_payment', // no better match: payment in flight
  PROTESTED: 'dispute',
  UNDER_ANALISYS: 'wayting_payment', // no better match: payment held for a risk review (Hotmart's spelling)
  WAITING_PAYMENT: 'wayting_payment',
};

/** The legacy status for a 2.0.0 `purchase.status`; undefined for a value outside the catalogue (sent empty). */
export function legacyStatusOf(purchaseStatus: unknown): LegacyStatus | undefined {
  return typeof purchaseStatus === 'string' && Object.hasOwn(statusMap, purchaseStatus) ? statusMap[purchaseStatus as PurchaseStatus] : undefined;
}

const legacyStatusSet: ReadonlySet<string> = new Set(legacyStatuses);

export function isLegacyStatus(value: string): value is LegacyStatus {
  return legacyStatusSet.has(value);
}
