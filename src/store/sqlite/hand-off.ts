// Hand-off at publish (HandOff in ../store.ts): a new delivery the local dispatcher takes is inserted already leased
// to it and handed over as a claim returns it. The cap is counted as the claim counts it (claim.ts), inside the same
// write transaction, so a hand-off and a claim can never both fill a webhook's last slot.
import type { DatabaseSync } from 'node:sqlite';
import type { SecretBox } from '../../security/secret-box.ts';
import { leftPending } from '../publish-rules.ts';
import type { ClaimedDelivery, DeliverySummary, HandOff, PublishResult, StoredEvent } from '../store.ts';
import { liveLeaseCounter, webhookStateReader } from './claim.ts';
import { signingSecrets } from './rows.ts';

export type Lease = { token: string; expiresAt: number };
/**
 * One publish's hand-off: `lease` decides a delivery's lease before its insert, `leased` notes one inserted with it,
 * and `settle` (after the COMMIT, or with null after a failure) gives them to the dispatcher.
 */
export type PublishHandOff = {
  lease(webhookId: string): Lease | null;
  leased(delivery: DeliverySummary, event: StoredEvent): void;
  settle(result: PublishResult | null): void;
};

export function sqliteHandOffs(db: DatabaseSync, box: SecretBox): (handOff: HandOff, now: number) => PublishHandOff {
  const liveLeases = liveLeaseCounter(db);
  const stateOf = webhookStateReader(db);
  const selectSigning = db.prepare('SELECT w.url, w.secret, w.previous_secrets, a.hottok FROM webhooks w JOIN accounts a ON a.id = w.account_id WHERE w.id = ?');
  /** What sending to the webhook needs, or null when its secrets cannot be opened: then a claim reports it, never the publish. */
  const signingFor = (webhookId: string, now: number) => {
    // the insert just read this webhook's route in the same transaction: the row is there
    const row = selectSigning.get(webhookId)!;
    try {
      return { url: String(row.url), secrets: signingSecrets(row, box, now), hottok: box.open(String(row.hottok)) };
    } catch {
      return null;
    }
  };
  return (handOff, now) => {
    let held: Map<string, number> | null = null;
    const signing = new Map<string, NonNullable<ReturnType<typeof signingFor>>>();
    const handedOff: ClaimedDelivery[] = [];
    return {
      lease(webhookId) {
        held ??= liveLeases(now);
        const live = held.get(webhookId) ?? 0;
        // a webhook whose circuit is open gets one lease at a time, as in a claim
        if (live >= (stateOf(webhookId).probing ? 1 : handOff.perWebhook)) return null;
        const opened = signingFor(webhookId, now);
        if (!opened || !handOff.take(webhookId)) return null;
        held.set(webhookId, live + 1);
        signing.set(webhookId, opened);
        return { token: handOff.leaseToken, expiresAt: handOff.leaseExpiresAt };
      },
      leased(delivery, event) {
        const { url, secrets, hottok } = signing.get(delivery.webhookId)!;
        handedOff.push({ delivery, leaseToken: handOff.leaseToken, event, webhook: { id: delivery.webhookId, url, secrets, enabled: true }, hottok });
      },
      settle(result) {
        // a failed publish rolled its leases back with everything else
        if (result === null) handOff.settle([], false);
        else handOff.settle(handedOff, leftPending(result, handedOff.length));
      },
    };
  };
}
