// Facts about a publish that both stores and ingest rely on.
import { createHash } from 'node:crypto';
import { type AccountId, asAccountId, asEventId, type EventId } from '../domain/ids.ts';
import { deliveryIdAt } from './delivery-ids.ts';
import type { AffiliateRouting, DeliveryPlan, DeliverySummary, NewEvent, PublishResult } from './store.ts';

/** Whether the event may reach affiliates: it names affiliate codes and has a product to look affiliations up by. */
export function mayShare(event: NewEvent, affiliates: AffiliateRouting | undefined): affiliates is AffiliateRouting {
  return affiliates !== undefined && affiliates.codes.length > 0 && event.productId !== null;
}

/** Whether a publish left deliveries for a worker to claim (for it or its affiliates): then idle workers are woken. */
export function leftPending(result: PublishResult): boolean {
  return result.kind === 'created' && (result.affiliateDeliveries > 0 || result.deliveries.some((delivery) => delivery.status === 'pending'));
}

/**
 * A delivery as its publish inserts it, built from the same values the INSERT writes: reading the row back
 * (`RETURNING *`) cost more than the insert itself on SQLite (measured 12.7 of 22.5 µs per delivery). Its id is the
 * UUIDv7 of `now`, its created_at (delivery-ids.ts).
 */
export function newDelivery(event: NewEvent, plan: DeliveryPlan, now: number): DeliverySummary {
  return {
    id: deliveryIdAt(now), webhookId: plan.webhookId, eventId: event.id, event: event.event, transaction: event.transaction, status: plan.status,
    isTest: event.isTest, version: plan.version, hottokInBody: plan.hottokInBody ?? false, attemptCount: 0, cycleAttempts: 0, maxAttempts: plan.maxAttempts,
    nextAttemptAt: plan.status === 'pending' ? now : null, lastStatusCode: null, lastError: plan.skipReason ?? null, createdAt: now, updatedAt: now,
  };
}

/**
 * The copy of a producer's `event` that an affiliate's account stores. Its id is derived from the producer's account
 * and event ids, so no other producer's event can ever take it: when copies kept the producer's event id, a second
 * producer publishing the same id (ids are the publisher's to choose) had its copy dropped by the affiliate's
 * unique (account, id) key, silently. Distinct ids also keep the affiliate's receivers, which dedupe on the id,
 * from taking one producer's sale for another's. A replay of the same event derives the same id.
 */
export function affiliateCopy(event: NewEvent, affiliates: AffiliateRouting, target: AffiliateTarget): NewEvent {
  // `target.accountId`: as the affiliations row the store read has it
  return { ...affiliates.copyFor(asAccountId(target.accountId), target.shareBuyerData, target.codes), id: affiliateCopyId(event.accountId, event.id) };
}

/** An affiliate account a sale reaches, with the codes of its affiliations the sale named. */
export type AffiliateTarget = { accountId: string; shareBuyerData: boolean; codes: string[] };

/**
 * The affiliation rows a sale's codes matched (`affiliate_account_id`, `affiliate_code`, `share_buyer_data`, in
 * account order), as one target per account (one code per affiliate and product, but a race may have left two),
 * without the accounts `onlyAccounts` leaves out.
 */
export function affiliateTargets(rows: readonly Record<string, unknown>[], affiliates: AffiliateRouting): AffiliateTarget[] {
  const only = affiliates.onlyAccounts === undefined ? null : new Set(affiliates.onlyAccounts);
  const targets = new Map<string, AffiliateTarget>();
  for (const row of rows) {
    const accountId = String(row.affiliate_account_id);
    if (only !== null && !only.has(accountId)) continue;
    const target = targets.get(accountId) ?? targets.set(accountId, { accountId, shareBuyerData: Number(row.share_buyer_data) === 1, codes: [] }).get(accountId)!;
    target.codes.push(String(row.affiliate_code));
  }
  return [...targets.values()];
}

// a namespace of our own for the name-based UUIDs below (RFC 9562 §5.5); never change it: stored copies carry ids made with it
const copyNamespace = Buffer.from('5f0c6f3e9b2a4d7c8e1a2b3c4d5e6f70', 'hex');

/** A UUIDv5 of "<producer account id>/<event id>" (neither may hold a slash, so different pairs never share a name). */
export function affiliateCopyId(producerAccountId: AccountId, eventId: EventId): EventId {
  const hash = createHash('sha1').update(copyNamespace).update(`${producerAccountId}/${eventId}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return asEventId(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
}
