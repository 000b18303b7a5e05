// What a members area must hear to open and close a course: the events that grant access, those that revoke it, and
// the overdue notice that starts a subscription's grace period. The product's set-up check asks for a webhook with
// all of them, the set-up button subscribes them, and `postback members` acts on them.
import type { EventName } from '../catalog/index.ts';

/** A payment went through (approved), or its guarantee period ended (complete): the buyer gets the course. */
export const grantEvents = ['PURCHASE_APPROVED', 'PURCHASE_COMPLETE'] as const satisfies readonly EventName[];

/** The money went back or the subscription ended: access ends (a subscription's at the end of its paid period). */
export const revokeEvents = ['PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_CANCELED', 'SUBSCRIPTION_CANCELLATION'] as const satisfies readonly EventName[];

/**
 * A subscription's charge is late: access stays open for the area's grace period (POSTBACK_MEMBERS_DELAY_GRACE), then
 * ends unless the payment comes. Required like the others: without it an unpaid subscription stays open until a
 * SUBSCRIPTION_CANCELLATION arrives, however long that takes, and the grace setting does nothing.
 */
export const overdueEvents = ['PURCHASE_DELAYED'] as const satisfies readonly EventName[];

export const membersAreaEvents: readonly EventName[] = [...grantEvents, ...revokeEvents, ...overdueEvents];
