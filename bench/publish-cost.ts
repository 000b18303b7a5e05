// `node bench/publish-cost.ts [--events N] [--rounds R]`: what one PostgreSQL publish costs the database, on one
// connection with nothing else running in it: WAL bytes per event (counts work, whatever the machine's load) and
// the publish's p10 / p50 time, for the bench's sale fanned out to 4 webhooks, as the store does it and without
// parts of the history's search terms. Each variant on a fresh database, in turn, `rounds` times.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { saleFactsOf, searchTermsOf } from '../src/domain/sale-facts.ts';
import { asAccountId, asEventId, asWebhookId } from '../src/domain/ids.ts';
import { createSecretBox } from '../src/security/secret-box.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { DeliveryPlan, WebhookRoute } from '../src/store/store.ts';
import { freshDatabase, stopTestPostgres } from '../test/helpers/postgres.ts';
import { eventDataJson } from './payload.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '2' } } });
const events = Number(values.events);
const warmUp = Math.floor(events / 6);
const box = createSecretBox(randomBytes(32));
const T0 = 1_750_000_000_000;
const toAll = (webhooks: WebhookRoute[]): DeliveryPlan[] => webhooks.map((w) => ({ webhookId: w.id, version: w.version, maxAttempts: 5, status: 'pending' }));
// the terms as they were before an event listed its own (the migration that adds events.search_terms): a foreign key
// to the event and an index by event, both written for each term
const termsAsBefore = ['ALTER TABLE event_search_terms ADD FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE',
  'CREATE INDEX event_search_terms_by_event ON event_search_terms(account_id, event_id)'];
const variants: { name: string; schema: string[]; terms: boolean }[] = [
  { name: 'as the store does it', schema: [], terms: true },
  { name: 'without search terms', schema: [], terms: false },
  { name: 'terms with foreign key, _by_event', schema: termsAsBefore, terms: true },
];

async function measure(variant: (typeof variants)[number]): Promise<string> {
  const url = await freshDatabase('postback_publish_cost');
  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const statement of variant.schema) await admin.query(statement);
    const accountId = asAccountId(uuidv7());
    await store.createAccount({ id: accountId, name: 'bench', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: `c-${randomUUID()}`, accountId, secretHash: 'x' });
    for (let i = 0; i < 4; i++) {
      await store.createWebhook(accountId, asWebhookId(uuidv7()), { name: 'w', url: 'https://receiver.example/h', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, T0);
    }
    const times: number[] = [];
    let walAtStart = '';
    for (let i = 0; i < events; i++) {
      if (i === warmUp) walAtStart = String((await admin.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn);
      const data = eventDataJson(i);
      const transaction = `HP${i}`;
      const searchTerms = variant.terms ? searchTermsOf(saleFactsOf('PURCHASE_APPROVED', JSON.parse(data)), transaction, '1') : { ofEvent: [], ofProduct: [] };
      const started = performance.now();
      await store.publish({ id: asEventId(randomUUID()), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data, transaction, productId: '1', isTest: false, idempotencyKey: null, requestHash: 'r', searchTerms }, toAll, T0 + i);
      if (i >= warmUp) times.push(performance.now() - started);
    }
    const wal = Number((await admin.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS bytes', [walAtStart])).rows[0].bytes);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
    return `${variant.name.padEnd(34)} ${Math.round(wal / times.length).toLocaleString('en-US').padStart(7)} B WAL/event   publish p10 / p50 ${at(0.1)} / ${at(0.5)} ms`;
  } finally {
    await admin.end();
    await store.close();
  }
}

try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const variant of variants) process.stdout.write(`${round}  ${await measure(variant)}\n`);
  }
} finally {
  await stopTestPostgres();
}
