// leaseNew on SQLite: the deliveries a publish just stored, leased to the dispatcher that asks, in one write
// transaction of the group commit. The cap is counted as the claim counts it (claim.ts), inside a write
// transaction too, so a lease at publish and a claim can never both fill a webhook's last slot.
import type { DatabaseSync } from 'node:sqlite';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, Store } from '../store.ts';
import { liveLeaseCounter, webhookStateReader } from './claim.ts';
import type { GroupCommit } from './group-commit.ts';
import { signingSecrets } from '../rows.ts';
import type { WebhookId } from '../../domain/ids.ts';

export function sqliteLeaseNew(db: DatabaseSync, box: SecretBox, writes: GroupCommit): Pick<Store, 'leaseNew'> {
  const liveLeases = liveLeaseCounter(db);
  const stateOf = webhookStateReader(db);
  const selectSigning = db.prepare('SELECT w.url, w.secret, w.previous_secrets, a.hottok FROM webhooks w JOIN accounts a ON a.id = w.account_id WHERE w.id = ?');
  // a claim may have taken it first (or an owner's disable settled it): then it is not ours
  const lease = db.prepare(`UPDATE deliveries SET lease_token = ?, lease_expires_at = ? WHERE id = ? AND status = 'pending' AND lease_token IS NULL`);
  /** What sending to the webhook needs, or null when it is gone or its secrets cannot be opened: then a claim reports it. */
  const signingFor = (webhookId: WebhookId, now: number) => {
    const row = selectSigning.get(webhookId);
    if (!row) return null;
    try {
      return { url: String(row.url), secrets: signingSecrets(row, box, now), hottok: box.open(String(row.hottok)) };
    } catch {
      return null;
    }
  };
  return {
    leaseNew(deliveries, token, now, leaseMs, perWebhook) {
      if (deliveries.length === 0) return Promise.resolve([]);
      return writes.enqueue(() => {
        const held = liveLeases(now);
        const signing = new Map<string, ReturnType<typeof signingFor>>();
        const leased: ClaimedDelivery[] = [];
        for (const { delivery, event } of deliveries) {
          const live = held.get(delivery.webhookId) ?? 0;
          // a webhook whose circuit is open gets one lease at a time, as in a claim
          if (live >= (stateOf(delivery.webhookId).probing ? 1 : perWebhook)) continue;
          if (!signing.has(delivery.webhookId)) signing.set(delivery.webhookId, signingFor(delivery.webhookId, now));
          const opened = signing.get(delivery.webhookId);
          if (!opened || lease.run(token, now + leaseMs, delivery.id).changes === 0) continue;
          held.set(delivery.webhookId, live + 1);
          leased.push({ delivery, leaseToken: token, event, webhook: { id: delivery.webhookId, url: opened.url, secrets: opened.secrets, enabled: true }, hottok: opened.hottok });
        }
        return leased;
      });
    },
  };
}
