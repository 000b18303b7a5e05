// Hand-off at publish (HandOff in ../store.ts) on PostgreSQL: after the publish's statement, the deliveries the local
// dispatcher takes are leased to it by postback_take (migrations.ts, version 6) under the claims' cap and lock, in one
// round trip. Those it could not lease (the webhook is at its cap, a claim took them first) stay for a claim.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, HandOff, PublishResult } from '../store.ts';
import { named } from './database.ts';
import { signingSecrets } from './rows.ts';

const takeStatement = named('take', 'SELECT postback_take($1, $2, $3, $4, $5) AS taken');

export function postgresHandOff(pool: pg.Pool, box: SecretBox) {
  /** The deliveries of a new publish `handOff` takes, leased and ready to send (a replay hands off nothing). */
  return async (result: PublishResult, handOff: HandOff, now: number): Promise<ClaimedDelivery[]> => {
    if (result.kind !== 'created') return [];
    const wanted = result.deliveries.filter((delivery) => delivery.status === 'pending' && handOff.take(delivery.webhookId));
    if (wanted.length === 0) return [];
    let rows: Record<string, unknown>[];
    try {
      rows = (await pool.query(takeStatement([now, handOff.leaseToken, handOff.leaseExpiresAt, handOff.perWebhook, wanted.map((delivery) => delivery.id)]))).rows[0]!.taken;
    } catch {
      // the event and its deliveries are committed: a publish must not fail now (its client would publish it again).
      // They stay for a claim; had the lease been written after all, it expires and a claim takes them back.
      return [];
    }
    const taken = new Map(rows.map((row) => [String(row.id), row]));
    return wanted.flatMap((delivery) => {
      const row = taken.get(delivery.id);
      return row ? [{
        delivery, leaseToken: handOff.leaseToken, event: result.event,
        webhook: { id: delivery.webhookId, url: String(row.url), secrets: signingSecrets(row, box, now), enabled: true },
        hottok: box.open(String(row.hottok)),
      }] : [];
    });
  };
}
