// The circuit breaker as a producer sees it: a webhook whose receiver keeps timing out carries a badge on its card
// ("one at a time") with a line saying since when and what it means, in pt-BR and in English; a healthy one has none.
// The circuit is opened for real: a receiver that never answers, a short deadline, one timeout to trip it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAccount } from '../../src/accounts/create-account.ts';
import { createUser } from '../../src/accounts/create-user.ts';
import { sampleData } from '../../src/catalog/index.ts';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import { projectRoot } from '../helpers/process.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { signInAs } from './sign-in.ts';

const artifacts = join(projectRoot, 'test-artifacts', 'dashboard');
const user = { email: 'bia@example.com', password: 'bia password 1' };

test('a webhook whose circuit is open shows it on its card, in the user\'s language', { timeout: 120_000 }, async (t) => {
  await using browser = await launchChromium(t, { timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  mkdirSync(artifacts, { recursive: true });
  await using platform = await startPlatform({ attemptDeadlineMs: 2000, circuitBreakerTimeouts: 1, retrySchedule: [0, 60_000] });
  await using hung = await startHttpReceiver(() => { /* never answers */ });
  await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
  const now = Date.now();
  const account = await createAccount(platform.store, { name: 'Escola da Bia', kind: 'producer' }, now);
  await createUser(platform.store, { accountId: account.account_id, ...user }, now);
  const token = (await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${account.basic}` } })).body.access_token as string;
  const call = (method: string, path: string, body?: unknown) => platform.request(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  const slow = (await call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: hung.url, events: ['PURCHASE_APPROVED'] })).body;
  await call('POST', '/api/v1/webhooks', { name: 'Planilha', url: healthy.url, events: ['PURCHASE_APPROVED'] });
  assert.equal((await call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') })).status, 202);
  await eventually('the circuit open', async () => ((await call('GET', `/api/v1/webhooks/${slow.id}`)).body.circuit.open === true ? true : undefined));

  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await signInAs(page, platform.url, user.email, user.password, { path: '/', heading: 'My configurations' });
  const card = page.getByRole('article', { name: 'Área de membros' });
  await card.getByText('Slow receiver: one at a time').waitFor();
  await card.getByText(/one delivery at a time until one succeeds/).waitFor();

  await page.getByLabel('Language').selectOption('pt-BR');
  await card.getByText('Destino lento: um envio por vez').waitFor();
  await card.getByText(/não responde dentro do prazo.*uma entrega por vez/).waitFor();
  assert.equal(await page.getByRole('article', { name: 'Planilha' }).getByText('Destino lento').count(), 0, `the healthy one has no badge: ${JSON.stringify((await call('GET', '/api/v1/webhooks')).body.items.map((w: { name: string; circuit: unknown }) => [w.name, w.circuit]))}`);
  await page.screenshot({ path: join(artifacts, 'pt-BR-circuit-open.png'), fullPage: true });

  await page.getByLabel('Idioma').selectOption('es');
  await card.getByText('Destino lento: un envío a la vez').waitFor();
});
