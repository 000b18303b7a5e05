// A Postback on a PostgreSQL that goes away, as clients meet it: the API answers 503 `store_unavailable` with
// Retry-After (nothing was applied: send it again), and the hosted checkout a page in the buyer's language saying so.
// An error that is ours (here: a table gone) stays a 500. One real embedded PostgreSQL, stopped for real; real HTTP.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startEmbeddedPostgres } from './helpers/embedded-postgres.ts';
import type { EmbeddedServer } from './helpers/embedded-postgres.ts';
import { startPlatform } from './helpers/platform.ts';
import type { Platform, Tenant } from './helpers/platform.ts';

let server: EmbeddedServer;
let databaseUrl: string;
let platform: Platform;
let tenant: Tenant;
let checkoutPath: string;

before(async () => {
  server = await startEmbeddedPostgres('postback-outage-', { fsync: 'off' });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE postback_outage').finally(() => admin.end());
  const url = new URL(server.adminUrl);
  url.pathname = '/postback_outage';
  databaseUrl = url.toString();
  platform = await startPlatform({ databaseUrl, secretKey: randomBytes(32).toString('base64') });
  tenant = await platform.tenant();
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' })).status, 201);
  const offer = await tenant.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Oferta de lançamento', price: 497 });
  assert.equal(offer.status, 201, offer.text);
  checkoutPath = offer.body.checkout_path as string;
});
after(async () => {
  await platform?.[Symbol.asyncDispose]();
  await stopPostgres();
});

let stopping: Promise<void> | undefined;
/** Stops the server once (the outage), whichever test comes first. */
const stopPostgres = () => (stopping ??= server?.stop());

const page = async (path: string, init: RequestInit & { language: string }) => {
  const response = await fetch(`${platform.url}${path}`, { ...init, redirect: 'manual', headers: { 'accept-language': init.language, ...init.headers as Record<string, string> } });
  return { status: response.status, headers: response.headers, html: await response.text() };
};
const orderForm = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

test('an error of ours, not an outage (a table gone): the API stays 500 `internal`, the checkout a 500 page in the buyer\'s language', async () => {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('ALTER TABLE offers RENAME TO offers_gone');
    const api = await tenant.call('GET', '/api/v1/offers');
    assert.equal(api.status, 500, api.text);
    assert.equal(api.body.code, 'internal');
    assert.equal(api.headers.get('retry-after'), null);
    const answer = await page(`${checkoutPath}?sck=MGID_1`, { language: 'en-US,en;q=0.9' });
    assert.equal(answer.status, 500, answer.html);
    assert.equal(answer.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(answer.headers.get('retry-after'), null, 'not an outage: nothing says when it will work');
    assert.match(answer.html, /<html lang="en">/);
    assert.match(answer.html, /Something went wrong on our side/);
  } finally {
    await db.query('ALTER TABLE offers_gone RENAME TO offers').finally(() => db.end());
  }
});

test('PostgreSQL stopped: the API answers 503 `store_unavailable` with Retry-After: 1, the token endpoint too', async () => {
  await stopPostgres();
  const answers = {
    token: await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${tenant.basic}` } }),
    read: await tenant.call('GET', '/api/v1/offers'),
    write: await tenant.call('POST', '/api/v1/products', { id: '42', name: 'Outro curso' }),
  };
  for (const [what, answer] of Object.entries(answers)) {
    assert.equal(answer.status, 503, `${what}: ${answer.text}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
    assert.equal(answer.headers.get('retry-after'), '1', what);
    assert.equal(answer.body.code, 'store_unavailable', what);
    assert.match(answer.body.detail, /nothing was applied.*again/i, what);
  }
});

test('PostgreSQL stopped: the checkout answers a page in the buyer\'s language, 503 with Retry-After, and keeps the sck', async () => {
  await stopPostgres();
  // the order form sent: the buyer is told the order was not placed, and to go back (the form keeps its fields) and send again
  const placed = await page(checkoutPath, { language: 'pt-BR,pt;q=0.9', ...orderForm({ sck: 'MGID_ClickId_AbC', name: 'Ana Souza', email: 'ana@example.com', payment: 'card' }) });
  assert.equal(placed.status, 503, placed.html);
  assert.equal(placed.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.ok(Number(placed.headers.get('retry-after')) >= 1, 'Retry-After');
  assert.match(placed.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'self'/, 'the checkout\'s own policy');
  assert.match(placed.html, /<html lang="pt-BR">/);
  assert.match(placed.html, /Seu pedido não foi feito/);
  assert.match(placed.html, /Volte à página anterior e envie de novo/);

  // the form's page itself: a link to try again that keeps the ad's parameters
  const form = await page(`${checkoutPath}?sck=MGID_ClickId_AbC&utm_source=mgid`, { language: 'es-AR,es;q=0.9' });
  assert.equal(form.status, 503, form.html);
  assert.equal(form.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.ok(Number(form.headers.get('retry-after')) >= 1, 'Retry-After');
  assert.match(form.html, /<html lang="es">/);
  assert.match(form.html, /Inténtalo de nuevo en unos instantes/);
  assert.match(form.html, new RegExp(`<a href="${checkoutPath}\\?sck=MGID_ClickId_AbC&#38;utm_source=mgid">`), 'the link to try again keeps the sck');

  // a body the checkout cannot read is still refused as a problem, whatever the store's state
  const oversized = await page(checkoutPath, { language: 'pt-BR', ...orderForm({ name: 'Ana', sck: 'x'.repeat(17 * 1024) }) });
  assert.equal(oversized.status, 413);
  assert.match(oversized.headers.get('content-type') ?? '', /^application\/problem\+json/);
});
