// Hand-off at publish (HandOff in ../store.ts) on PostgreSQL: once the publish has committed and answered, the
// deliveries the local dispatcher takes are leased to it by postback_take (migrations.ts, version 6) under the
// claims' cap and lock, in one round trip off the publish's path. Those it could not lease (the webhook is at its
// cap, a claim took them first) stay for a claim, and the workers of every process are woken for them.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import { leftPending } from '../publish-rules.ts';
import type { ClaimedDelivery, HandOff, PublishResult } from '../store.ts';
import { named } from './database.ts';
import { signingSecrets } from './rows.ts';

const takeStatement = named('take', 'SELECT postback_take($1, $2, $3, $4, $5) AS taken');

export function postgresHandOff(pool: pg.Pool, box: SecretBox, due: { poke(): void }) {
  const take = async (result: PublishResult, handOff: HandOff, now: number): Promise<ClaimedDelivery[]> => {
    if (result.kind !== 'created') return [];
    const wanted = result.deliveries.filter((delivery) => delivery.status === 'pending' && handOff.take(delivery.webhookId));
    if (wanted.length === 0) return [];
    try {
      const rows: Record<string, unknown>[] = (await pool.query(takeStatement([now, handOff.leaseToken, handOff.leaseExpiresAt, handOff.perWebhook,
        wanted.map((delivery) => delivery.id)]))).rows[0]!.taken;
      const taken = new Map(rows.map((row) => [String(row.id), row]));
      return wanted.flatMap((delivery) => {
        const row = taken.get(delivery.id);
        return row ? [{
          delivery, leaseToken: handOff.leaseToken, event: result.event,
          webhook: { id: delivery.webhookId, url: String(row.url), secrets: signingSecrets(row, box, now), enabled: true },
          hottok: box.open(String(row.hottok)),
        }] : [];
      });
    } catch {
      // (the database, or secrets that cannot be opened) they stay for a claim, which reports the error; a lease
      // written all the same expires, and a claim takes them back then
      return [];
    }
  };
  /** Leases what it can of a committed publish's deliveries and settles `handOff`; never rejects. */
  return async (result: PublishResult, handOff: HandOff, now: number): Promise<void> => {
    const handedOff = await take(result, handOff, now);
    const left = leftPending(result, handedOff.length);
    handOff.settle(handedOff, left);
    if (left) due.poke();
  };
}
