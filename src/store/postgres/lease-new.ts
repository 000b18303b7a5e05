// leaseNew on PostgreSQL: one statement, the function postback_lease_new (migrations.ts: version 6 wrote it as
// postback_take; under the circuit breaker since; a later one keeps its plan to index paths, function-plans.test.ts).
// It takes the claims' advisory lock, as postback_claim does, and counts each webhook's live leases as a claim does, so
// a lease at publish and a claim can never both fill a webhook's last slot, in this process or another. The dispatcher
// sends the deliveries of every publish answered in one turn in one call (../../delivery/adoptions.ts): a burst costs
// one round trip and one turn on the lock, not one each.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, Store } from '../store.ts';
import { named } from './database.ts';
import { signingSecrets } from '../rows.ts';

const leaseStatement = named('lease_new', 'SELECT postback_lease_new($1, $2, $3, $4, $5) AS leased');

export function postgresLeaseNew(pool: pg.Pool, box: SecretBox, due: { poke(): void }): Pick<Store, 'leaseNew' | 'announceDue'> {
  return {
    async leaseNew(deliveries, token, now, leaseMs, perWebhook) {
      if (deliveries.length === 0) return [];
      const expires = now + leaseMs;
      const rows: Record<string, unknown>[] = (await pool.query(leaseStatement([now, perWebhook, deliveries.map(({ delivery }) => delivery.id),
        deliveries.map(() => token), deliveries.map(() => expires)]))).rows[0]!.leased;
      const leased = new Map(rows.map((row) => [String(row.id), row]));
      return deliveries.flatMap(({ delivery, event }): ClaimedDelivery[] => {
        const row = leased.get(delivery.id);
        if (!row) return [];
        try {
          return [{ delivery, leaseToken: token, event, webhook: { id: delivery.webhookId, url: String(row.url), secrets: signingSecrets(row, box, now), enabled: true },
            hottok: box.open(String(row.hottok)) }];
        } catch {
          // secrets that cannot be opened: a claim reports it when this lease has expired (fails toward a late
          // report, never toward a send without a signature)
          return [];
        }
      });
    },
    announceDue: () => due.poke(),
  };
}
