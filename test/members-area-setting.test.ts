// A product's external members area (issue 15, item 1): the setting (password sealed at rest, never returned), the
// set-up check with a fix for each finding, and the one call that creates the missing webhook. The green path runs
// `postback serve` as a child process that trusts a throw-away certificate (NODE_EXTRA_CA_CERTS), since an https
// area with a certificate nobody vouches for is exactly what the check must refuse.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { selfSignedPair, startHttpReceiver, startSelfSignedHttpsReceiver } from './helpers/hostile-receivers.ts';
import { startTestArea } from './helpers/members-area.ts';
import { startPlatform } from './helpers/platform.ts';
import { accessToken, callJson, createAccountCli, eventually, freshDataDir, killAllChildren, startServe } from './helpers/process.ts';

after(killAllChildren);

const area = { url: 'https://curso.example.com/', login: 'revisor@hotmart', password: 'senha-do-revisor-9f3' };
const byCheck = (findings: { check: string }[]) => Object.fromEntries(findings.map((finding) => [finding.check, finding])) as Record<string, any>;

test('the setting: set, read without its password (sealed in the file), kept on change, refused when invalid, removed', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/products', { id: '555', name: 'Curso de Fotografia' });

  const refused = await tenant.call('PATCH', '/api/v1/products/555', { members_area: { url: area.url, login: area.login } });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.errors.map((e: { path: string }) => e.path), ['body.members_area.password']);
  for (const [body, path] of [[{ members_area: { ...area, url: 'ftp://x.example' } }, 'body.members_area.url'], [{ members_area: { ...area, url: 'https://10.0.0.7/' } }, 'body.members_area.url'],
    [{ members_area: { ...area, login: ' ' } }, 'body.members_area.login'], [{}, 'body']] as const) {
    const answer = await tenant.call('PATCH', '/api/v1/products/555', body);
    assert.equal(answer.status, 422, JSON.stringify(body));
    assert.ok(answer.body.errors.some((e: { path: string }) => e.path === path), `${JSON.stringify(answer.body.errors)} names ${path}`);
  }
  // a refused members area leaves the switch sent with it untouched: nothing half-written
  await tenant.call('PATCH', '/api/v1/products/555', { share_buyer_data: true, members_area: { url: area.url, login: area.login } });
  const untouched = (await tenant.call('GET', '/api/v1/products')).body.items[0];
  assert.deepEqual([untouched.share_buyer_data, untouched.members_area], [false, null]);

  const set = await tenant.call('PATCH', '/api/v1/products/555', { members_area: area });
  assert.equal(set.status, 200);
  assert.deepEqual(set.body.members_area, { url: area.url, login: area.login, password_set: true });
  assert.ok(!set.text.includes(area.password) && !(await tenant.call('GET', '/api/v1/products')).text.includes(area.password), 'never returned');
  const raw = readdirSync(platform.dataDir).filter((file) => file.startsWith('postback.db')).map((file) => readFileSync(join(platform.dataDir, file)).toString('latin1')).join('');
  assert.ok(raw.includes(area.login) && !raw.includes(area.password), 'the password is sealed in the database file');

  const moved = await tenant.call('PATCH', '/api/v1/products/555', { share_buyer_data: true, members_area: { url: 'https://area.example.org/', login: 'reviewer' } });
  assert.deepEqual([moved.status, moved.body.share_buyer_data, moved.body.members_area], [200, true, { url: 'https://area.example.org/', login: 'reviewer', password_set: true }]);
  assert.equal((await tenant.call('PATCH', '/api/v1/products/999', { members_area: area })).status, 404);
  const removed = await tenant.call('PATCH', '/api/v1/products/555', { members_area: null });
  assert.equal(removed.body.members_area, null);
  const check = await tenant.call('GET', '/api/v1/products/555/members-area/check');
  assert.equal(check.status, 409, 'no area, nothing to check');
  assert.match(check.body.detail, /PATCH \/api\/v1\/products\/555/);
});

test('the check names what is wrong and how to fix it: http, an untrusted certificate, no webhook, missing events', async () => {
  await using platform = await startPlatform();
  await using plain = await startHttpReceiver((_req, res) => res.end());
  await using selfSigned = await startSelfSignedHttpsReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/products', { id: '555', name: 'Curso' });

  await tenant.call('PATCH', '/api/v1/products/555', { members_area: { ...area, url: `${plain.url}/` } });
  const overHttp = await tenant.call('GET', '/api/v1/products/555/members-area/check');
  assert.equal(overHttp.status, 200);
  assert.equal(overHttp.body.ok, false);
  const found = byCheck(overHttp.body.findings);
  assert.deepEqual([found.https.status, found.https.reason, found.webhook.reason, found.test_post.reason], ['fail', 'not_https', 'missing', 'no_webhook']);
  assert.equal(plain.requests.length, 0, 'an http:// area is not even probed');
  for (const finding of overHttp.body.findings) assert.ok(finding.fix.length > 0, `${finding.check} has a fix`);

  if (selfSigned) {
    await tenant.call('PATCH', '/api/v1/products/555', { members_area: { url: `${selfSigned.url}/`, login: area.login } });
    const untrusted = byCheck((await tenant.call('GET', '/api/v1/products/555/members-area/check')).body.findings);
    assert.deepEqual([untrusted.https.status, untrusted.https.reason], ['fail', 'unreachable_tls']);
    assert.match(untrusted.https.fix, /certificate/);
    // a webhook to the area that lacks the revoke events is found, and what it lacks is named
    const partial = (await tenant.call('POST', '/api/v1/webhooks', { name: 'area', url: `${selfSigned.url}/hotmart`, events: ['PURCHASE_APPROVED'] })).body;
    const lacking = byCheck((await tenant.call('GET', '/api/v1/products/555/members-area/check')).body.findings);
    assert.deepEqual([lacking.webhook.reason, lacking.webhook.facts.webhook_id, lacking.webhook.facts.missing], ['missing_events', partial.id, ['PURCHASE_COMPLETE', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_CANCELED', 'SUBSCRIPTION_CANCELLATION', 'PURCHASE_DELAYED']]);
    assert.equal(lacking.test_post.reason, 'never_sent');
    const duplicate = await tenant.call('POST', '/api/v1/products/555/members-area/webhook', {});
    assert.equal(duplicate.status, 409, 'the button never makes a second webhook for the area');
    assert.match(duplicate.body.detail, new RegExp(partial.id));
    assert.equal((await tenant.call('POST', '/api/v1/products/555/members-area/webhook', { url: 'https://elsewhere.example.com/' })).status, 422);
  }
});

test('green: the area answers over https, the button creates its webhook and test post, and the check passes', { timeout: 60_000 }, async (t) => {
  const pair = await selfSignedPair();
  if (!pair) { t.skip('openssl is not installed'); return; }
  const dataDir = await freshDataDir();
  const caFile = join(dataDir, 'area-ca.pem');
  writeFileSync(caFile, pair.cert);
  const received: string[] = [];
  const server = https.createServer(pair, (req, res) => { req.resume(); req.on('end', () => { received.push(`${req.method} ${req.url}`); res.end('ok'); }); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  const areaUrl = `https://127.0.0.1:${(server.address() as { port: number }).port}/`;

  const account = await createAccountCli(dataDir);
  const serve = await startServe({ POSTBACK_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, POSTBACK_RETRY_SCHEDULE: '0,200ms' });
  const token = await accessToken(serve.url, account.basic);
  const call = (method: string, path: string, body?: unknown) => callJson(method, `${serve.url}${path}`, { body, headers: { authorization: `Bearer ${token}` } });
  await call('POST', '/api/v1/products', { id: '555', name: 'Curso de Fotografia' });
  await call('PATCH', '/api/v1/products/555', { members_area: { ...area, url: areaUrl } });

  const before = byCheck((await call('GET', '/api/v1/products/555/members-area/check')).body.findings);
  assert.deepEqual([before.https.status, before.webhook.reason], ['pass', 'missing']);
  assert.ok(received.includes('GET /'), 'the check asked the area itself');

  const created = await call('POST', '/api/v1/products/555/members-area/webhook', {});
  assert.equal(created.status, 201);
  assert.match(created.body.webhook.secret, /^whsec_/);
  assert.deepEqual([created.body.webhook.url, created.body.webhook.products, created.body.webhook.events],
    [areaUrl, ['555'], ['PURCHASE_APPROVED', 'PURCHASE_COMPLETE', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK', 'PURCHASE_CANCELED', 'SUBSCRIPTION_CANCELLATION', 'PURCHASE_DELAYED']]);
  assert.equal(created.body.test.delivery.test, true);
  const green = await eventually('the check to go green', async () => {
    const check = (await call('GET', '/api/v1/products/555/members-area/check')).body;
    return check.ok ? check : undefined;
  });
  assert.deepEqual(green.findings.map((f: { check: string; status: string; fix: string | null }) => [f.check, f.status, f.fix]), [['https', 'pass', null], ['webhook', 'pass', null], ['test_post', 'pass', null]]);
  assert.equal(green.webhook_id, created.body.webhook.id);
  assert.ok(received.includes('POST /'), 'the test post reached the area');
  serve.kill('SIGTERM');
  await serve.exited;
});

test('the button\'s configuration with postback members: its test post is marked and opens nothing (the check still goes green); a real sale opens the course; an overdue notice starts the grace period', { timeout: 60_000 }, async (t) => {
  const pair = await selfSignedPair();
  if (!pair) { t.skip('openssl is not installed'); return; }
  const dataDir = await freshDataDir();
  const [caFile, keyFile] = [join(dataDir, 'area-ca.pem'), join(dataDir, 'area-key.pem')];
  writeFileSync(caFile, pair.cert);
  writeFileSync(keyFile, pair.key);
  const account = await createAccountCli(dataDir);
  // the real members area, serving https itself with the certificate Postback's child process trusts
  await using members = await startTestArea({ hottok: account.hottok, tlsCert: caFile, tlsKey: keyFile });
  const serve = await startServe({ POSTBACK_DATA_DIR: dataDir, NODE_EXTRA_CA_CERTS: caFile, POSTBACK_RETRY_SCHEDULE: '0,200ms' });
  t.after(async () => { serve.kill('SIGTERM'); await serve.exited; });
  const token = await accessToken(serve.url, account.basic);
  const call = (method: string, path: string, body?: unknown) => callJson(method, `${serve.url}${path}`, { body, headers: { authorization: `Bearer ${token}` } });
  await call('POST', '/api/v1/products', { id: '555', name: 'Curso de Fotografia' });
  await call('PATCH', '/api/v1/products/555', { members_area: { ...area, url: `${members.area.url}/` } });

  const created = await call('POST', '/api/v1/products/555/members-area/webhook', {});
  assert.equal(created.status, 201, created.text);
  await eventually('the check to go green', async () => (await call('GET', '/api/v1/products/555/members-area/check')).body.ok || undefined);
  assert.deepEqual(members.area.store.recentEvents(10).map((event) => [event.event, event.productId, event.outcome]), [['PURCHASE_APPROVED', '555', 'ignored_test']]);
  assert.deepEqual([members.area.store.listStudents(), members.area.store.recentMails(10)], [[], []], 'the sample buyer got no course and no password');
  const testPost = await call('GET', `/api/v1/deliveries/${created.body.test.delivery.id}`);
  assert.equal(testPost.body.attempt_history[0].request_headers['x-postback-test'], '1', 'the history keeps the marker like the other headers');

  const sale = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  const published = await call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sale, product: { ...sale.product, id: 555 }, buyer: { ...sale.buyer, email: 'bia@example.com' } } });
  assert.equal(published.status, 202, published.text);
  await members.inbox.waitFor('the real buyer\'s credentials', (mail) => mail.to.includes('bia@example.com'));
  const real = await call('GET', `/api/v1/deliveries/${published.body.deliveries[0].id}`);
  assert.equal(real.body.attempt_history[0].request_headers['x-postback-test'], undefined, 'a real sale is never marked');
  assert.deepEqual(members.area.store.listStudents().map((student) => student.email), ['bia@example.com']);

  // the button's webhook carries the overdue notice too: a late renewal starts the area's grace period
  const late = sampleData('PURCHASE_DELAYED') as Record<string, any>;
  assert.equal((await call('POST', '/api/v1/events', { event: 'PURCHASE_DELAYED', data: { ...late, product: { ...late.product, id: 555 }, buyer: { ...late.buyer, email: 'bia@example.com' } } })).status, 202);
  const overdue = await eventually('the overdue notice to reach the area', () => members.area.store.enrolmentsOf('bia@example.com').find((enrolment) => enrolment.reason === 'payment_overdue'));
  assert.equal(overdue.access, 'live', 'open for the grace period, waiting for the payment');
});
