// The ids of the four things most calls name together: accounts, webhooks, deliveries and events. Each is a string
// branded with what it names, so a call such as `getWebhook(accountId, webhookId)` does not compile with its
// arguments swapped, nor with a string nobody checked (test/branded-ids.typecheck.ts proves it). Types only: a brand
// costs nothing at run time, and the functions below are the identity.
//
// A string becomes an id in few places, each one a decision that it names such a thing: a store row read back
// (src/store/rows.ts and the stores' own reads), the authenticated request (the store's token or session row), a
// route's params, query or body (their zod schemas, src/api/schemas.ts), and a new id being made (uuidv7 at creation).

export type AccountId = string & { readonly __brand: 'AccountId' };
export type WebhookId = string & { readonly __brand: 'WebhookId' };
export type DeliveryId = string & { readonly __brand: 'DeliveryId' };
export type EventId = string & { readonly __brand: 'EventId' };

/** This string names an account: it was read from the store, or made for a new account. */
export const asAccountId = (value: string): AccountId => value as AccountId;
/** This string names a webhook configuration (of some account: every read still takes the account id). */
export const asWebhookId = (value: string): WebhookId => value as WebhookId;
/** This string names a delivery (one event for one webhook). */
export const asDeliveryId = (value: string): DeliveryId => value as DeliveryId;
/** This string names an event (its id is also its dedupe key). */
export const asEventId = (value: string): EventId => value as EventId;
