// Two facts about a publish that both stores and ingest rely on.
import type { AffiliateRouting, NewEvent, PublishResult } from './store.ts';

/** Whether the event may reach affiliates: it names affiliate codes and has a product to look affiliations up by. */
export function mayShare(event: NewEvent, affiliates: AffiliateRouting | undefined): affiliates is AffiliateRouting {
  return affiliates !== undefined && affiliates.codes.length > 0 && event.productId !== null;
}

/** Whether a publish left deliveries for a worker to claim (for it or its affiliates): then idle workers are woken. */
export function leftPending(result: PublishResult): boolean {
  return result.kind === 'created' && (result.affiliateDeliveries > 0 || result.deliveries.some((delivery) => delivery.status === 'pending'));
}
