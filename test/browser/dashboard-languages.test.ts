// The dashboard speaks the browser's language (a Brazilian browser gets pt-BR), switches language on request and
// remembers it, names events in words with the code beside them, and shows every time with its zone, in the
// browser's zone or in UTC at the user's choice.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/create-account.ts';
import { createUser } from '../../src/accounts/create-user.ts';
import { projectRoot } from '../helpers/process.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

const artifacts = join(projectRoot, 'test-artifacts', 'dashboard');
const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const user = { email: 'rita@example.com', password: 'rita password 1' };

test('languages and time zones in Chromium', { timeout: 120_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  mkdirSync(artifacts, { recursive: true });
  await using platform = await startPlatform();
  await using receiver = await startRestartableReceiver();
  const now = Date.now();
  const account = await createAccount(platform.store, { name: 'Escola da Rita', kind: 'producer' }, now);
  await createUser(platform.store, { accountId: account.account_id, ...user }, now);
  const token = (await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${account.basic}` } })).body.access_token as string;
  const call = (method: string, path: string, body?: unknown) => platform.request(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  const webhook = (await call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/hotmart`, events: ['PURCHASE_APPROVED'] })).body;
  const sent = (await call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' })).body;
  await eventually('the test delivered', async () => ((await call('GET', `/api/v1/deliveries/${sent.delivery.id}`)).body.status === 'delivered' ? true : undefined));

  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error' && !/status of 401\b/.test(message.text())) errors.push(message.text()); });

  // a Brazilian browser: everything in pt-BR, from the sign-in page on
  await page.goto(`${platform.url}/`);
  await page.getByRole('heading', { name: 'Entrar' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'pt-BR');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Senha').fill(user.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Minhas configurações' }).waitFor();
  // events in words, the code name beside them
  const card = page.getByRole('article', { name: 'Área de membros' });
  await card.getByText('Compra aprovada').waitFor();
  await card.getByText('PURCHASE_APPROVED').waitFor();
  await shot(page, 'pt-BR-configurations');

  // the history: the time with its zone (São Paulo: UTC-3), then in UTC on request, and the filters say which
  await page.getByRole('navigation', { name: 'Seções' }).getByRole('link', { name: 'Histórico' }).click();
  const row = page.locator('.history-table tbody tr').first();
  await row.getByText('Compra aprovada').waitFor();
  await row.getByText('Entregue').waitFor();
  const localTime = (await row.locator('.cell-date').innerText()).trim();
  assert.match(localTime, /BRT|GMT-3|UTC-3/, `the time names its zone: ${localTime}`);
  await page.getByText('Fuso horário: America/Sao_Paulo', { exact: false }).first().waitFor();
  await page.getByRole('switch', { name: 'UTC' }).check();
  await eventually('the time shown in UTC', async () => ((await row.locator('.cell-date').innerText()).includes('UTC') ? true : undefined));
  await page.getByText('Fuso horário: UTC.').first().waitFor();
  await shot(page, 'pt-BR-history-utc');

  // switch to English: every word changes, and the choice survives a reload
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await row.getByText('Delivered').waitFor();
  await row.getByText('Purchase approved').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
  assert.ok((await row.locator('.cell-date').innerText()).includes('UTC'), 'the UTC choice is remembered too');
  await shot(page, 'en-history-utc');

  // and Spanish
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { name: 'Historial' }).waitFor();
  await row.getByText('Compra aprobada').waitFor();
  await shot(page, 'es-history');
  assert.deepEqual(errors, [], 'no console errors (a missing message is one)');
  await page.close();
});
