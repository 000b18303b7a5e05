// Hand-off at publish (HandOff in ../store.ts) on PostgreSQL: once a publish has committed and answered, the
// deliveries the local dispatcher takes are leased to it by postback_take (migrations.ts, version 6) under the
// claims' cap and lock, off the publish's path. The takes are group-committed: those queued while one is out go
// together in the next statement, so a burst of publishes costs one round trip and one turn on the claims' lock, not
// one each. Deliveries it could not lease (the webhook is at its cap, a claim took them first) stay for a claim, and
// the workers of every process are woken for them.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import { leftPending } from '../publish-rules.ts';
import type { ClaimedDelivery, DeliverySummary, HandOff, PublishResult } from '../store.ts';
import { named } from './database.ts';
import { signingSecrets } from './rows.ts';

const takeStatement = named('take', 'SELECT postback_take($1, $2, $3, $4, $5) AS taken');
/** Deliveries one take statement leases at most. */
const maxTakeBatch = 512;

type QueuedTake = { result: Extract<PublishResult, { kind: 'created' }>; handOff: HandOff; now: number; wanted: DeliverySummary[] };

export function postgresHandOff(pool: pg.Pool, box: SecretBox, due: { poke(): void }) {
  let queued: QueuedTake[] = [];
  let out = false;

  /** Gives the dispatcher what was leased, and wakes every process's workers for what was not. */
  const finish = (result: PublishResult, handOff: HandOff, handedOff: ClaimedDelivery[]) => {
    const left = leftPending(result, handedOff.length);
    handOff.settle(handedOff, left);
    if (left) due.poke();
  };

  const settle = (take: QueuedTake, taken: Map<string, Record<string, unknown>>) => {
    let handedOff: ClaimedDelivery[];
    try {
      handedOff = take.wanted.flatMap((delivery) => {
        const row = taken.get(delivery.id);
        return row ? [{
          delivery, leaseToken: take.handOff.leaseToken, event: take.result.event,
          webhook: { id: delivery.webhookId, url: String(row.url), secrets: signingSecrets(row, box, take.now), enabled: true },
          hottok: box.open(String(row.hottok)),
        }] : [];
      });
    } catch {
      // secrets that cannot be opened: a claim reports it; the leases written expire, and a claim takes them back then
      handedOff = [];
    }
    finish(take.result, take.handOff, handedOff);
  };

  /** One statement for everything queued (up to maxTakeBatch deliveries), one at a time; never rejects. */
  const flush = async () => {
    if (out || queued.length === 0) return;
    out = true;
    let end = 0;
    for (let size = 0; end < queued.length && (end === 0 || size + queued[end]!.wanted.length <= maxTakeBatch); end++) size += queued[end]!.wanted.length;
    const batch = queued.splice(0, end);
    const wanted = batch.flatMap((take) => take.wanted.map((delivery) => ({ delivery, take })));
    let taken = new Map<string, Record<string, unknown>>();
    try {
      const rows: Record<string, unknown>[] = (await pool.query(takeStatement([Math.max(...batch.map((take) => take.now)), batch[0]!.handOff.perWebhook,
        wanted.map(({ delivery }) => delivery.id), wanted.map(({ take }) => take.handOff.leaseToken), wanted.map(({ take }) => take.handOff.leaseExpiresAt)]))).rows[0]!.taken;
      taken = new Map(rows.map((row) => [String(row.id), row]));
    } catch {
      // the database: they stay for a claim; a lease written all the same expires, and a claim takes them back then
    }
    try {
      for (const take of batch) settle(take, taken);
    } finally {
      out = false;
      setImmediate(() => void flush());
    }
  };

  /** Leases what it can of a committed publish's deliveries, then settles `handOff`. */
  return (result: PublishResult, handOff: HandOff, now: number): void => {
    const wanted = result.kind === 'created' ? result.deliveries.filter((delivery) => delivery.status === 'pending' && handOff.take(delivery.webhookId)) : [];
    if (result.kind !== 'created' || wanted.length === 0) {
      finish(result, handOff, []);
      return;
    }
    queued.push({ result, handOff, now, wanted });
    // the publishes answered in this turn join the same statement
    setImmediate(() => void flush());
  };
}
