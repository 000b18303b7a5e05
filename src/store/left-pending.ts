import type { PublishResult } from './store.ts';

/** Whether a publish left deliveries for a worker to claim (for it or its affiliates): then idle workers are woken. */
export function leftPending(result: PublishResult): boolean {
  return result.kind === 'created' && (result.affiliateDeliveries > 0 || result.deliveries.some((delivery) => delivery.status === 'pending'));
}
