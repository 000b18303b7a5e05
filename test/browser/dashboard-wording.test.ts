// What a producer reads in their own language, in Chromium against a real Postback: the recent notices (why a
// configuration was disabled or is failing), the attempt details of a redirect, a receiver's abort and a timeout,
// counts that agree with their number, a bulk resend to a disabled configuration, the overview's details, the
// forgot-password screen when the mail server refuses, the page shell before any script runs, and the language
// tag and formats when a catalogue cannot be loaded. In pt-BR, with the notices and attempts in es too.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createUser } from '../../src/accounts/create-user.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { startSmtpInbox } from '../helpers/smtp-inbox.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { member, publishSale, shot, signIn, watchForErrors, wordsOf } from './dashboard-helpers.ts';

/** A desktop page whose user picked this language (kept in the browser), as dashboard-helpers' pageIn does. */
async function pageIn(context: BrowserContext, locale: 'pt-BR' | 'es' | 'en'): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.addInitScript(`window.localStorage.setItem('postback.locale', ${JSON.stringify(locale)})`);
  return page;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const elsewhere = 'https://elsewhere.example.com/hook';

/** A receiver that redirects (/redirect), refuses for good (/abort), never answers (/slow), or takes the post (/ok). */
async function startOddReceiver() {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url?.startsWith('/redirect')) { response.writeHead(302, { location: elsewhere }).end(); return; }
      if (request.url?.startsWith('/abort')) { response.writeHead(422, { 'webhook-delivery': 'abort', 'content-type': 'text/plain' }).end('not for us'); return; }
      if (request.url?.startsWith('/slow')) { held.push(response); return; }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async [Symbol.asyncDispose]() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

test('what a producer reads, in their language', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  await using receiver = await startOddReceiver();
  const producer = await member(platform, 'Escola da Rita', 'producer', 'rita@example.com');
  const hook = async (name: string, url: string, extra: Record<string, unknown> = {}) => {
    const answer = await producer.call('POST', '/api/v1/webhooks', { name, url, events: ['PURCHASE_APPROVED'], ...extra });
    assert.equal(answer.status, 201, answer.text);
    return answer.body as { id: string };
  };
  const deliveriesOf = async (webhookId: string) => (await producer.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}&limit=50`)).body.items as { id: string; status: string }[];
  const endedAll = (webhookId: string, count: number) => eventually(`${count} deliveries of ${webhookId} ended`, async () => {
    const items = await deliveriesOf(webhookId);
    return items.length === count && items.every((item) => ['failed', 'skipped', 'delivered'].includes(item.status)) ? items : undefined;
  }, 30_000);

  // a host that does not exist (disabled for DNS), and a receiver that only redirects (failing after 5 in a row)
  const zapier = await hook('Zapier', 'http://hooks.no-such-host.invalid/zap');
  const redirecting = await hook('Redirecionador', `${receiver.url}/redirect`, { max_attempts: 5 });
  await publishSale(producer, 'HP0000000001');
  await endedAll(zapier.id, 1);
  const [redirected] = await endedAll(redirecting.id, 1);
  await eventually('both notices', async () => {
    const kinds = ((await producer.call('GET', '/api/v1/notices?limit=10')).body.items as { kind: string }[]).map((notice) => notice.kind);
    return kinds.includes('webhook.disabled') && kinds.includes('webhook.failing') ? true : undefined;
  });

  await t.test('the shell is pt-BR before any script runs, and says so in three languages without JavaScript', async () => {
    const shell = await platform.request('GET', '/');
    assert.match(shell.text, /<html lang="pt-BR">/);
    const noscript = /<noscript>([\s\S]*?)<\/noscript>/.exec(shell.text)?.[1] ?? '';
    assert.match(noscript, /<p lang="pt-BR">O painel do Postback precisa de JavaScript/);
    assert.match(noscript, /<p lang="es">El panel de Postback necesita JavaScript/);
    assert.match(noscript, /<p lang="en">The Postback dashboard needs JavaScript/);
  });

  for (const locale of ['pt-BR', 'es'] as const) {
    await t.test(`recent notices say why, in ${locale}`, async () => {
      const say = wordsOf(locale);
      const page = await pageIn(browser.context, locale);
      const errors = watchForErrors(page);
      await signIn(page, platform.url, producer);
      const panel = page.getByRole('region', { name: say('notices.title') });
      const disabled = panel.locator('li').filter({ hasText: 'Zapier' });
      await disabled.waitFor();
      const disabledText = await disabled.innerText();
      assert.ok(disabledText.includes(`Zapier: ${say('notices.kind.webhook.disabled')} ·`), disabledText);
      assert.ok(disabledText.includes(say('reason.dns', { host: 'hooks.no-such-host.invalid' })), disabledText);
      const failing = await panel.locator('li').filter({ hasText: 'Redirecionador' }).innerText();
      assert.ok(failing.includes(say('attempts.redirect', { status: 302, location: elsewhere })), failing);
      for (const english of [/does not exist/, /not followed/, /redirect to/]) assert.doesNotMatch(`${disabledText}\n${failing}`, english);
      await shot(page, `wording-notices-${locale}`);

      // the attempts of the redirect, said in words with where it pointed
      await page.goto(`${platform.url}/history/${redirected!.id}`);
      const attempt = page.locator('.attempt').first();
      await attempt.getByText(say('attempts.redirect', { status: 302, location: elsewhere })).waitFor();
      assert.doesNotMatch(await page.locator('.attempts').innerText(), /not followed/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  // a receiver's abort, a receiver that never answers, one that works; and a second sale for the disabled Zapier
  const aborting = await hook('Recusa', `${receiver.url}/abort`);
  const slow = await hook('Lento', `${receiver.url}/slow`, { max_attempts: 1 });
  const members = await hook('Área de membros', `${receiver.url}/ok`);
  await publishSale(producer, 'HP0000000002');
  const [aborted] = await endedAll(aborting.id, 1);
  const [timedOut] = await endedAll(slow.id, 1);
  await endedAll(members.id, 1);
  await eventually('the second sale skipped for Zapier', async () => ((await deliveriesOf(zapier.id)).length === 2 ? true : undefined));

  await t.test('attempt details by error code, with the status and deadline as parameters', async () => {
    const say = wordsOf('pt-BR');
    const page = await pageIn(browser.context, 'pt-BR');
    const errors = watchForErrors(page);
    await signIn(page, platform.url, producer);
    await page.goto(`${platform.url}/history/${aborted!.id}`);
    const abortAttempt = page.locator('.attempt').first();
    await abortAttempt.getByText(say('attempts.receiverAbort', { status: 422 })).waitFor();
    await abortAttempt.getByText(say('result.receiverAbort'), { exact: true }).waitFor();
    // the receiver's own words stay: they are its answer's body
    await abortAttempt.getByText('not for us').waitFor();
    assert.doesNotMatch(await abortAttempt.innerText(), /no more attempts|the receiver answered/);
    await page.goto(`${platform.url}/history/${timedOut!.id}`);
    const slowAttempt = page.locator('.attempt').first();
    await slowAttempt.getByText(say('result.timeout'), { exact: true }).waitFor();
    await slowAttempt.getByText(new RegExp(escaped(say('attempts.noResponseWithin', { duration: '{d}' })).replace('\\{d\\}', '2\\s?s'))).waitFor();
    assert.doesNotMatch(await slowAttempt.innerText(), /deadline/);
    await shot(page, 'wording-attempt-timeout-pt-BR');
    assert.deepEqual(errors, []);
    await page.close();
  });

  await t.test('counts agree with their number; a bulk resend to a disabled configuration says why and what to do', async () => {
    const say = wordsOf('pt-BR');
    const page = await pageIn(browser.context, 'pt-BR');
    const errors = watchForErrors(page, [401, 409]);
    await signIn(page, platform.url, producer);
    await page.goto(`${platform.url}/history?webhook_id=${zapier.id}`);
    const rows = page.locator('.history-table tbody tr');
    await eventually('both Zapier deliveries listed', async () => ((await rows.count()) === 2 ? true : undefined));
    await page.locator('summary').getByText(say('filters.titleActive', { count: 1 }), { exact: true }).waitFor();
    assert.equal(say('filters.titleActive', { count: 1 }), 'Filtros (1 ativo)');
    const bulk = page.getByRole('region', { name: say('bulk.label') });
    await rows.first().locator('input[type="checkbox"]').check();
    await bulk.getByText('1 selecionado', { exact: true }).waitFor();
    await page.getByRole('checkbox', { name: say('history.selectAll') }).check();
    await bulk.getByText('2 selecionados', { exact: true }).waitFor();
    await bulk.getByRole('button', { name: say('bulk.resend') }).click();
    await page.getByRole('dialog').getByRole('button', { name: say('history.resend') }).click();
    const told = say('resend.someFailed', { resent: 0, failed: 2, reason: say('resend.blocked') });
    assert.equal(told, 'Nenhum envio voltou para a fila, 2 falharam. A configuração está desativada: ative-a ou recupere-a para enviar de novo.');
    await page.locator('.notices').getByText(told).waitFor();
    await shot(page, 'wording-bulk-disabled-pt-BR');

    // the overview's details: one delivered, one of one failed
    await page.getByRole('navigation').getByRole('link', { name: say('nav.overview') }).click();
    const slowest = page.getByRole('region', { name: say('overview.slowest') });
    await slowest.getByText(say('chart.showTable')).click();
    const slowRow = await slowest.getByRole('row', { name: /Área de membros/ }).innerText();
    assert.match(slowRow, /p95 .+, 1 entrega$/m, slowRow);
    const failing = page.getByRole('region', { name: say('overview.failing') });
    await failing.getByText(say('chart.showTable')).click();
    const failRow = await failing.getByRole('row', { name: /Lento/ }).innerText();
    assert.match(failRow, /de 1 envio$/m, failRow);
    await shot(page, 'wording-overview-pt-BR');
    assert.deepEqual(errors, []);
    await page.close();
  });

  await t.test('a catalogue that cannot be loaded falls back to pt-BR, language tag and formats included', async () => {
    const page = await pageIn(browser.context, 'es');
    await page.route(/\/assets\/es-[\w-]+\.js$/, (route) => route.abort());
    const say = wordsOf('pt-BR');
    await signIn(page, platform.url, producer);
    await page.getByRole('heading', { name: say('nav.webhooks') }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'pt-BR', 'the language on screen, not the one that failed');
    // dates in pt-BR's way ("7 de dez. de 2026"), not es's ("7 dic 2026")
    const notice = await page.getByRole('region', { name: say('notices.title') }).locator('li').first().innerText();
    assert.match(notice, /\d{1,2} de [a-zç]{3}\. de \d{4}/, notice);
    await page.close();
  });
});

test('the forgot-password screen says the link is on its way even when the mail server refuses it (the answer never depends on the address)', { timeout: 120_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  inbox.refuseWith = '451 try later';
  for (const locale of ['pt-BR', 'es', 'en'] as const) {
    const say = wordsOf(locale);
    const page = await pageIn(browser.context, locale);
    const errors = watchForErrors(page, [401]);
    await page.goto(`${platform.url}/forgot-password`);
    await page.getByRole('heading', { name: say('password.forgotTitle') }).waitFor();
    await page.locator('input[type="email"]').fill('ana@example.com');
    await page.getByRole('button', { name: say('password.send') }).click();
    await page.getByText(say('password.sent')).waitFor();
    assert.equal(await page.getByText(say('password.mailOff')).count(), 0, 'e-mail is not off');
    await shot(page, `wording-forgot-refused-${locale}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
