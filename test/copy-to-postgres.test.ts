// `postback copy-to-postgres`: a SQLite store built through the API of a real `postback serve`, moved into PostgreSQL
// by the command as a child process, and found whole by a `postback serve` on PostgreSQL with the same key: the same
// credentials, secrets, history, search and stored tokens. And its refusals, each one line with nothing written.
import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { sampleData } from '../src/catalog/index.ts';
import { tablePlans } from '../src/store/copy/table-plans.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { ReceivedRequest } from './helpers/hostile-receivers.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { accessToken, callJson, createAccountCli, eventually, freshDataDir, killAllChildren, readDatabase, runCli, startServe } from './helpers/process.ts';
import type { CliResult, JsonAnswer } from './helpers/process.ts';

after(stopTestPostgres);
after(killAllChildren);

const sample = sampleData('PURCHASE_APPROVED') as Record<string, any>;
const productId = String(sample.product.id);
const affiliateCode = String(sample.affiliates[0].affiliate_code);
const buyerEmail = String(sample.buyer.email);
const metaToken = 'EAAB-moved-token-4242';
const owner = { email: 'dona@example.com', password: 'correct horse battery' };
const member = { email: 'dev@example.com', password: 'developer password 1' };

/** A sale as a checkout reports it (its transaction is Postback's), carrying `origin`. */
function sale(origin: Record<string, string>) {
  const data = structuredClone(sample) as { purchase: Record<string, unknown> };
  delete data.purchase.status;
  delete data.purchase.approved_date;
  delete data.purchase.transaction;
  data.purchase.origin = origin;
  return data;
}

type Call = (method: string, path: string, body?: unknown) => Promise<JsonAnswer>;
const apiOf = (baseUrl: string, token: string): Call => (method, path, body) =>
  callJson(method, `${baseUrl}/api/v1${path}`, { body, headers: { authorization: `Bearer ${token}` } });

async function created(answer: Promise<JsonAnswer>): Promise<{ id: string; secret: string }> {
  const { status, body, text } = await answer;
  assert.equal(status, 201, text);
  return body;
}

/** The one line a refusal printed (exit 1, nothing on stdout, no stack). */
function refusal(result: CliResult): string {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^postback: [^\n]+\n$/, 'one line, no stack');
  return result.stderr;
}

async function onTarget<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Each copied table's rows on PostgreSQL. */
const targetCounts = (url: string) => onTarget(url, async (client) => {
  const counts: Record<string, number> = {};
  for (const { table } of tablePlans) counts[table] = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
  return counts;
});

/** Throws unless `request` is signed with `secret` (over its raw body: 1.0.0's is a form, not JSON). */
const verified = (secret: string, request: ReceivedRequest) => new StandardWebhook(secret).verify(request.body.toString('utf8'), request.headers as Record<string, string>, { jsonParse: false });

test('a SQLite store moved to PostgreSQL: everything there, the same secrets and credentials, in-flight work due again; all or nothing', { timeout: 180_000 }, async (t) => {
  const dataDir = await freshDataDir();
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  let hang = true;
  const held: ServerResponse[] = [];
  await using good = await startHttpReceiver((_req, res) => res.end('ok'));
  await using failing = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end('down'); });
  // holds the SQLite server's attempt until that server is killed: a delivery left under its lease
  await using slow = await startHttpReceiver((_req, res) => { if (hang) held.push(res); else res.end('ok'); });
  await using graph = await startHttpReceiver((_req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"events_received":1}'); });

  // the SQLite store, with its key file (no POSTBACK_SECRET_KEY): the case of a producer who started with `npm start`
  const made = await runCli(['account', 'create', '--name', 'Escola', '--email', owner.email, '--password', owner.password, '--json', '--data-dir', dataDir]);
  assert.equal(made.code, 0, made.stderr);
  const producer = JSON.parse(made.stdout) as { account_id: string; basic: string };
  const affiliateMade = await runCli(['account', 'create', '--name', 'Afiliada', '--kind', 'affiliate', '--json', '--data-dir', dataDir]);
  assert.equal(affiliateMade.code, 0, affiliateMade.stderr);
  const affiliate = JSON.parse(affiliateMade.stdout) as { account_id: string; basic: string };
  const settings = { POSTBACK_RETRY_SCHEDULE: '0,100ms', POSTBACK_NOTIFY_AFTER_FAILURES: '1', POSTBACK_POLL_INTERVAL: '100ms' };
  // a lease of ten minutes: were it copied, the delivery in flight would not be due again within this test
  const before = await startServe({ POSTBACK_DATA_DIR: dataDir, ...settings, POSTBACK_LEASE: '10m', POSTBACK_ATTEMPT_DEADLINE: '1m' });
  const oldToken = await accessToken(before.url, producer.basic);
  const call = apiOf(before.url, oldToken);

  const invited = await call('POST', '/team/invitations', { email: member.email, role: 'developer' });
  assert.equal(invited.status, 201, invited.text);
  const joined = await callJson('POST', `${before.url}/api/v1/invitations/${String(invited.body.invite_path).split('/').at(-1)}/accept`, { body: { password: member.password } });
  assert.equal(joined.status, 201, joined.text);
  assert.equal((await call('POST', '/team/invitations', { email: 'viewer@example.com', role: 'viewer' })).status, 201, 'an invitation still open');
  assert.equal((await call('POST', '/products', { id: productId, name: 'Fotografia com Celular' })).status, 201);
  assert.equal((await call('POST', '/products', { id: '777', name: 'E-book de edição', share_buyer_data: true })).status, 201);
  const area = await call('PATCH', `/products/${productId}`, { members_area: { url: 'https://membros.example.com/login', login: 'escola', password: 'area-password-1' } });
  assert.equal(area.status, 200, area.text);
  assert.equal((await call('POST', `/products/${productId}/affiliations`, { affiliate_account_id: affiliate.account_id, affiliate_code: affiliateCode })).status, 201);
  assert.equal((await call('POST', '/offers', { product_id: productId, price: 497, currency: 'BRL' })).status, 201);
  assert.equal((await call('PUT', '/notification-settings', { language: 'es', webhook_url: `${good.url}/ops` })).status, 200);
  const v2 = await created(call('POST', '/webhooks', { name: 'Área de membros', url: `${good.url}/v2`, events: ['PURCHASE_APPROVED'] }));
  const v1 = await created(call('POST', '/webhooks', { name: 'Legado', url: `${good.url}/v1`, events: ['PURCHASE_APPROVED'], version: '1.0.0' }));
  const down = await created(call('POST', '/webhooks', { name: 'Fora do ar', url: failing.url, events: ['PURCHASE_APPROVED'] }));
  const inFlight = await created(call('POST', '/webhooks', { name: 'Lento', url: slow.url, events: ['PURCHASE_APPROVED'] }));
  const meta = await created(call('POST', '/webhooks', { name: 'Meta', version: 'postback',
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: metaToken, goals: { PURCHASE_APPROVED: 'Purchase' } } }));
  const hook = await created(call('POST', '/hooks', { target_url: `${good.url}/hook`, event: 'PURCHASE_APPROVED' }));
  const sold = await call('POST', '/purchases', { status: 'approved', data: sale({ fbclid: 'IwAR-before' }) });
  assert.equal(sold.status, 202, sold.text);
  const transaction = String(sold.body.transaction);

  const settled = await eventually('delivered, failed with its attempts spent, one in flight', async () => {
    const items = (await call('GET', '/deliveries')).body.items as { id: string; webhook_id: string; status: string }[];
    const of = (webhook: { id: string }) => items.find((item) => item.webhook_id === webhook.id)?.status;
    return [v2, v1, meta, hook].every((webhook) => of(webhook) === 'delivered') && of(down) === 'failed' && of(inFlight) === 'pending' && held.length === 1 ? items : undefined;
  });
  await eventually('the notices written and sent', async () => {
    const items = (await call('GET', '/notices')).body.items as { mail: string; webhook: string }[];
    return items.length > 0 && items.every((notice) => notice.mail !== 'pending' && notice.webhook !== 'pending') ? true : undefined;
  });
  const failedId = settled.find((item) => item.webhook_id === down.id)!.id;
  const inFlightId = settled.find((item) => item.webhook_id === inFlight.id)!.id;
  const compared = ['/account', '/products', '/affiliations', '/offers', '/webhooks', '/hooks', '/team', '/notices', '/notification-settings', '/audit',
    `/purchases/${transaction}`, `/deliveries/${failedId}`];
  const seen = new Map<string, unknown>();
  for (const path of compared) {
    const answer = await call('GET', path);
    assert.equal(answer.status, 200, `${path}: ${answer.text}`);
    seen.set(path, answer.body);
  }
  assert.equal((seen.get(`/deliveries/${failedId}`) as { attempt_history: unknown[] }).attempt_history.length, 2);
  const history = (await call('GET', '/deliveries')).body.items as { id: string }[];

  // refused while the server holds the file: nothing read, nothing written
  const target = await freshDatabase();
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', target])), /postback\.db is open in another process \(a running postback serve\?\): stop every Postback process/);

  before.kill('SIGKILL');
  await before.exited;
  const lease = readDatabase(dataDir, (db) => db.prepare('SELECT lease_token, lease_expires_at FROM deliveries WHERE id = ?').get(inFlightId)) as { lease_token: string | null; lease_expires_at: number };
  assert.ok(lease.lease_token !== null && lease.lease_expires_at > Date.now() + 60_000, 'the killed server left its lease, for minutes more');
  const sourceCounts = readDatabase(dataDir, (db) => Object.fromEntries(tablePlans.map(({ table }) =>
    [table, Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n)] as const)));
  for (const table of ['users', 'invitations', 'event_search_terms', 'product_search_terms', 'attempts', 'notices', 'audit_log']) assert.ok(sourceCounts[table]! > 0, `the store has ${table}`);

  // a failure halfway (the target refuses attempts, copied after accounts, webhooks and deliveries): nothing stays
  assert.equal((await runCli(['migrate', '--database-url', target])).code, 0);
  await onTarget(target, (client) => client.query(`CREATE FUNCTION refuse_attempts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'attempts refused by the test'; END $$;
    CREATE TRIGGER refuse_attempts BEFORE INSERT ON attempts FOR EACH STATEMENT EXECUTE FUNCTION refuse_attempts()`));
  const halfway = await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', target]);
  assert.equal(halfway.code, 1, halfway.stderr);
  assert.match(halfway.stdout, new RegExp(`^  deliveries +${sourceCounts.deliveries} / ${sourceCounts.deliveries}$`, 'm'), 'it had copied the deliveries');
  assert.match(halfway.stderr, /^postback: copying attempts into PostgreSQL failed \(attempts refused by the test\): the transaction was rolled back and nothing was written; fix the cause and copy again\n$/);
  assert.deepEqual(Object.values(await targetCounts(target)).filter((n) => n > 0), [], 'no row of any table, no account');
  await onTarget(target, (client) => client.query('DROP TRIGGER refuse_attempts ON attempts; DROP FUNCTION refuse_attempts()'));

  const copy = await runCli(['copy-to-postgres', '--data-dir', dataDir], { env: { DATABASE_URL: target } });
  assert.equal(copy.code, 0, copy.stderr);
  assert.match(copy.stdout, /^Copying [\d,]+ rows of SQLite at \S+postback\.db \(schema version \d+\) into PostgreSQL at 127\.0\.0\.1:\d+\/postback_test_\w+, in one transaction:$/m);
  for (const { table } of tablePlans) assert.match(copy.stdout, new RegExp(`^  ${table} +${sourceCounts[table]} / ${sourceCounts[table]}$`, 'm'), table);
  assert.match(copy.stdout, /1 pending delivery is due there \(1 was in flight on the stopped server: it is sent again, as after a crash\)/);
  const keyFile = join(dataDir, 'secret.key');
  assert.ok(copy.stdout.includes(`export POSTBACK_SECRET_KEY="$(cat ${keyFile})"`), copy.stdout);
  assert.match(copy.stdout, /export DATABASE_URL=.*\n\s+postback serve\n$/);
  assert.deepEqual(await targetCounts(target), sourceCounts, 'every row of every table');
  assert.deepEqual(await onTarget(target, async (client) => (await client.query(`SELECT (SELECT COUNT(*)::int FROM deliveries WHERE lease_token IS NOT NULL) AS leased,
    (SELECT COUNT(*)::int FROM delivery_leases) AS lease_rows, (SELECT COUNT(*)::int FROM events WHERE search_terms IS NULL) AS unlisted`)).rows[0]), { leased: 0, lease_rows: 0, unlisted: 0 });

  // PostgreSQL, with the same key: the in-flight delivery goes at once, not when the stopped server's lease would end
  hang = false;
  const pgDataDir = await freshDataDir();
  t.after(() => rm(pgDataDir, { recursive: true, force: true }));
  const after = await startServe({ DATABASE_URL: target, POSTBACK_SECRET_KEY: (await readFile(keyFile, 'utf8')).trim(), POSTBACK_DATA_DIR: pgDataDir, ...settings });
  const moved = apiOf(after.url, oldToken);
  await eventually('the delivery that was in flight, delivered', async () => ((await moved('GET', `/deliveries/${inFlightId}`)).body.status === 'delivered' ? true : undefined));
  assert.equal(slow.requests.length, 2);
  assert.equal(slow.requests[1]!.headers['webhook-id'], slow.requests[0]!.headers['webhook-id'], 'the same event id: at-least-once');
  for (const path of compared) assert.deepEqual((await moved('GET', path)).body, seen.get(path), path);
  const movedHistory = (await moved('GET', '/deliveries')).body.items as { id: string; status: string }[];
  assert.deepEqual(movedHistory.filter((item) => item.id !== inFlightId), history.filter((item) => item.id !== inFlightId), 'the same history, attempts and all');
  const found = (await moved('GET', `/deliveries?q=${encodeURIComponent(buyerEmail.slice(0, 11))}`)).body.items as { id: string }[];
  assert.deepEqual(found.map((item) => item.id).sort(), history.map((item) => item.id).sort(), 'the history search finds the buyer');

  // the same credentials: client secrets (a new token), dashboard passwords, the affiliate's
  const call2 = apiOf(after.url, await accessToken(after.url, producer.basic));
  await accessToken(after.url, affiliate.basic);
  for (const user of [owner, member]) assert.equal((await callJson('POST', `${after.url}/api/v1/session`, { body: user })).status, 200, user.email);

  // a new sale: signed with the secrets made on SQLite, the conversion postback sends its stored token
  const again = await call2('POST', '/purchases', { status: 'approved', data: sale({ fbclid: 'IwAR-after' }) });
  assert.equal(again.status, 202, again.text);
  const arrived = (path: string) => good.requests.filter((request) => request.url === path);
  await eventually('the new sale at every receiver', () => (['/v2', '/v1', '/hook'].every((path) => arrived(path).length === 2) && graph.requests.length === 2 ? true : undefined));
  for (const [path, webhook] of [['/v2', v2], ['/v1', v1], ['/hook', hook]] as const) assert.doesNotThrow(() => verified(webhook.secret, arrived(path)[1]!), path);
  assert.match(arrived('/v2')[1]!.body.toString('utf8'), new RegExp(String(again.body.transaction)));
  assert.equal(JSON.parse(graph.requests[1]!.body.toString('utf8')).access_token, metaToken);
  assert.doesNotThrow(() => verified(meta.secret, graph.requests[1]!), 'the conversion postback');

  // a database that holds a store already is refused, and keeps what it holds
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', target])), /already holds 2 accounts, and the copy only fills an empty database: nothing was written/);
  assert.equal((await targetCounts(target)).accounts, 2);
});

test('refused in one line, nothing made or written: no database in the folder, no --database-url, a database that cannot be reached, a key that does not open the secrets', { timeout: 60_000 }, async (t) => {
  const empty = await freshDataDir();
  t.after(() => rm(empty, { recursive: true, force: true }));
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', empty, '--database-url', 'postgres://postback@127.0.0.1:1/postback'])),
    new RegExp(`there is no SQLite database at ${join(empty, 'postback.db')}: set POSTBACK_DATA_DIR \\(or --data-dir\\)`));
  assert.deepEqual(await readdir(empty), [], 'no database, no key file made');

  const dataDir = await freshDataDir();
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  await createAccountCli(dataDir);
  const noTarget = await runCli(['copy-to-postgres', '--data-dir', dataDir]);
  assert.equal(noTarget.code, 2, noTarget.stderr);
  assert.match(noTarget.stderr, /^postback: --database-url is required/);
  const unreachable = 'postgres://postback@127.0.0.1:1/postback';
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', unreachable])), /cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  // a key that would not open the secrets on PostgreSQL either is refused before the target is reached
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', unreachable], { env: { POSTBACK_SECRET_KEY: Buffer.alloc(32, 9).toString('base64') } })),
    /the secrets in \S+postback\.db were sealed with another key than POSTBACK_SECRET_KEY/);
  await rm(join(dataDir, 'secret.key'));
  assert.match(refusal(await runCli(['copy-to-postgres', '--data-dir', dataDir, '--database-url', unreachable])), /neither POSTBACK_SECRET_KEY nor \S+secret\.key holds one/);
  assert.deepEqual((await readdir(dataDir)).filter((name) => name === 'secret.key'), [], 'no key file made in its place');
  const help = await runCli(['copy-to-postgres', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--database-url URL \[--data-dir DIR\]/);
});
