// Operating Postback: Prometheus metrics counted from real deliveries, and the health probes of every role.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';

/** One sample's value from Prometheus text, or undefined; `labels` must match the sample's labels exactly. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).sort().join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(/,(?=[a-z_]+=")/).filter(Boolean).sort().join(',');
    if (have === wanted) return Number(match[3]);
  }
  return undefined;
}

test('a scrape after real deliveries counts publishes, attempts by outcome and cause, claims and latency', async () => {
  await using platform = await startPlatform({ metricsPort: 0 });
  await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
  await using broken = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end('down'); });
  const shop = await platform.tenant();
  const events = ['PURCHASE_APPROVED'];
  await shop.call('POST', '/api/v1/webhooks', { name: 'ok', url: healthy.url, events });
  await shop.call('POST', '/api/v1/webhooks', { name: 'down', url: broken.url, events, max_attempts: 2 });
  const sale = (await shop.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  for (const transaction of ['HP0001', 'HP0002', 'HP0003']) {
    assert.equal((await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sale, purchase: { ...sale.purchase, transaction } } })).status, 202);
  }
  assert.equal((await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: {} })).status, 422);
  await eventually('every delivery settled', async () => {
    const page = (await shop.call('GET', '/api/v1/deliveries')).body.items as { status: string }[];
    return page.length === 6 && page.every((d) => d.status !== 'pending') ? true : undefined;
  });
  assert.ok(platform.opsUrl);
  const scrape = await fetch(`${platform.opsUrl}/metrics`);
  assert.equal(scrape.status, 200);
  assert.match(scrape.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await scrape.text();
  assert.equal(sample(text, 'postback_publishes_total', { outcome: 'accepted' }), 3);
  assert.equal(sample(text, 'postback_publishes_total', { outcome: 'invalid' }), 1);
  assert.equal(sample(text, 'postback_delivery_attempts_total', { outcome: 'delivered', cause: 'none' }), 3);
  assert.equal(sample(text, 'postback_delivery_attempts_total', { outcome: 'retrying', cause: 'http_5xx' }), 3);
  assert.equal(sample(text, 'postback_delivery_attempts_total', { outcome: 'failed', cause: 'http_5xx' }), 3);
  // every attempt began with a claim or an adoption at publish (via=hand_off)
  const taken = (sample(text, 'postback_claimed_deliveries_total', { via: 'claim' }) ?? 0) + (sample(text, 'postback_claimed_deliveries_total', { via: 'hand_off' }) ?? 0);
  assert.equal(taken, 9);
  assert.equal(sample(text, 'postback_delivery_latency_seconds_count'), 3);
  assert.equal(sample(text, 'postback_attempt_duration_seconds_count', { result: 'failure' }), 6);
  assert.equal(sample(text, 'postback_deliveries_pending', { state: 'due' }), 0);
  assert.equal(sample(text, 'postback_webhooks', { state: 'enabled' }), 2);
  assert.equal(sample(text, 'postback_http_requests_total', { method: 'POST', route: '/api/v1/events', status: '202' }), 3);
  assert.equal(sample(text, 'postback_build_info', { version: '0.1.0', role: 'all', store: 'sqlite' }), 1);
  assert.ok((sample(text, 'process_resident_memory_bytes') ?? 0) > 0, 'Node\'s process metrics are there too');
  assert.doesNotMatch(text, new RegExp(shop.account_id), 'no account id is a label');
  assert.equal((await platform.request('GET', '/metrics')).status, 404, 'without a token, /metrics stays off the API port');
  // the Grafana dashboard in the repository reads only series that exist
  const dashboard = JSON.parse(readFileSync(new URL('../ops/grafana/postback-dashboard.json', import.meta.url), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
  const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
  for (const panel of dashboard.panels) for (const { expr } of panel.targets) {
    for (const [name] of expr.matchAll(/\b(?:postback|process|nodejs)_[a-z0-9_]+/g)) {
      assert.ok(exposed.has(name.replace(/_(bucket|count|sum)$/, '')), `panel "${panel.title}" reads ${name}, which /metrics does not expose`);
    }
  }
});

test('a REST hook unsubscribed by its target\'s 410 is counted apart from webhooks disabled for failing', async () => {
  await using platform = await startPlatform({ metricsPort: 0 });
  await using gone = await startHttpReceiver((_req, res) => { res.statusCode = 410; res.end('gone'); });
  const shop = await platform.tenant();
  const hook = (await shop.call('POST', '/api/v1/hooks', { target_url: gone.url, event: 'PURCHASE_APPROVED' })).body;
  const sale = (await shop.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  assert.equal((await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sale })).status, 202);
  await eventually('the hook deleted', async () => ((await shop.call('GET', `/api/v1/hooks/${hook.id}`)).status === 404 ? true : undefined));
  const text = await eventually('the attempt counted', async () => {
    const scraped = await (await fetch(`${platform.opsUrl}/metrics`)).text();
    return sample(scraped, 'postback_hooks_unsubscribed_total') === 1 ? scraped : undefined;
  });
  assert.equal(sample(text, 'postback_webhooks_disabled_total'), 0);
});

test('with POSTBACK_METRICS_TOKEN, /metrics on the API port needs the token', async () => {
  const metricsToken = 'a-metrics-token-of-some-length';
  await using platform = await startPlatform({ role: 'api', metricsToken });
  assert.equal((await platform.request('GET', '/metrics')).status, 401);
  assert.equal((await platform.request('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, 401);
  const scrape = await platform.request('GET', '/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
  assert.equal(scrape.status, 200);
  assert.match(scrape.text, /postback_build_info\{version="0\.1\.0",role="api",store="sqlite"\} 1/);
});

test('/healthz and /readyz: alive, ready, and not ready when the schema is not this build\'s', async () => {
  await using platform = await startPlatform({ metricsPort: 0 });
  for (const base of [platform.url, platform.opsUrl!]) {
    const alive = await fetch(`${base}/healthz`);
    assert.equal(alive.status, 200);
    assert.deepEqual(await alive.json(), { status: 'ok', version: '0.1.0', role: 'all' });
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    const report = await ready.json() as { ready: boolean; checks: Record<string, { ok: boolean }> };
    assert.deepEqual(Object.keys(report.checks), ['database', 'migrations', 'writes', 'dispatcher']);
    assert.equal(report.ready, true);
  }
  assert.equal((await platform.request('GET', '/health')).status, 200, 'the old path still answers');
  // another build migrated the file further: this process must stop taking traffic
  const db = new DatabaseSync(join(platform.dataDir, 'postback.db'));
  const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  db.exec(`PRAGMA user_version = ${version + 1}`);
  db.close();
  const stale = await platform.request('GET', '/readyz');
  assert.equal(stale.status, 503);
  assert.equal(stale.body.checks.migrations.ok, false);
  assert.match(stale.body.checks.migrations.detail, /newer Postback/);
  assert.equal((await platform.request('GET', '/healthz')).status, 200, 'alive all the same');
});

test('/readyz says not ready while writes fail though reads answer (another process holds the file), the process stays up, and recovers', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const holder = new DatabaseSync(join(platform.dataDir, 'postback.db'), { timeout: 0 });
  try {
    holder.exec('BEGIN IMMEDIATE');
    // waits for the lock (on timers, sqlite/lock-wait.ts), then fails as a store that cannot be reached: nothing was
    // applied, send it again
    const refused = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: (await tenant.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample });
    assert.deepEqual([refused.status, refused.body.code, refused.headers.get('retry-after')], [503, 'store_unavailable', '1']);
    const ready = await platform.request('GET', '/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual([ready.body.checks.database.ok, ready.body.checks.writes.ok], [true, false], 'reads answer; writes do not');
    assert.match(ready.body.checks.writes.detail, /database is locked/);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  const published = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: (await tenant.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample });
  assert.equal(published.status, 202, 'the process stayed up, and the next write commits');
  assert.equal((await platform.request('GET', '/readyz')).status, 200);
});

test('a worker has no API port but answers its probes and metrics on POSTBACK_METRICS_PORT', async () => {
  await using platform = await startPlatform({ metricsPort: 0 });
  const { startServer } = await import('../src/server.ts');
  const pino = (await import('pino')).default;
  await using worker = await startServer({ ...platform.config, role: 'worker', metricsPort: 0 }, pino({ level: 'silent' }));
  assert.equal(worker.url, null);
  assert.ok(worker.opsUrl);
  const report = await (await fetch(`${worker.opsUrl}/readyz`)).json() as { ready: boolean; checks: Record<string, { ok: boolean }> };
  assert.equal(report.ready, true);
  assert.equal(report.checks.dispatcher?.ok, true);
  assert.match(await (await fetch(`${worker.opsUrl}/metrics`)).text(), /role="worker"/);
});
