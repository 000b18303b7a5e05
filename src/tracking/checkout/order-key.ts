// The order key: what makes the order form idempotent. Each render of the form carries a fresh one in a hidden field,
// and every send of that form (a double click, a browser's resend, the buyer going back after a failed save) names
// the same transaction, so the store's one purchase per (account, transaction) makes them one order. A send whose
// other fields changed (Back, another payment method, send) is still that order: its page shows what was placed.
import { createHash, randomBytes } from 'node:crypto';

/** The form field that carries it. */
export const orderKeyField = 'order_key';

/** 128 random bits in base64url (22 characters): never the same on two pages, so two pages are two orders. */
export const newOrderKey = (): string => randomBytes(16).toString('base64url');

// A script may send its own key (a UUID, a ULID): letters, digits, - and _, 16 to 64 of them. At 16, a guessed key
// is as unlikely as a guessed order link; the cap keeps what we hash small.
const keyShape = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The key of a sent form, or undefined for none. Fails open to the form without a key (a random transaction, as from
 * a page older than the key or a script): a key no page of ours sends (repeated, oversized, not ASCII, another
 * shape) is not the buyer's doing, and refusing it would block a sale for it. It cannot reach another order either
 * way: any key only names this offer's transaction (transactionFor), and the route shows only this offer's orders.
 */
export function orderKeyOf(value: unknown): string | undefined {
  return typeof value === 'string' && keyShape.test(value) ? value : undefined;
}

/**
 * The transaction an offer's order with this key gets: "HP" and 14 digits, Hotmart's shape (and that of
 * record-purchase.ts's random ones), from a SHA-256 of the offer's code and the key. Deterministic, so any process,
 * before or after a restart, names the same one; the offer's code in it keeps one key's orders of two offers apart.
 * 14 digits hold about 46 bits: a collision with another sale of the account is astronomically rare, and answered
 * as "this form's order is another one" (409), never by showing that sale.
 */
export function transactionFor(offerCode: string, key: string): string {
  const digest = createHash('sha256').update(`${offerCode}\n${key}`).digest();
  const digits = (digest.readBigUInt64BE(0) % 10n ** 14n).toString().padStart(14, '0');
  return `HP${digits}`;
}
