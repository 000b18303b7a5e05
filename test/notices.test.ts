// Owners told when a webhook fails: real deliveries to a failing receiver, real mail through an SMTP server on
// 127.0.0.1, and the account's operational webhook verified with the Standard Webhooks library.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createUser } from '../src/accounts/create-user.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import { startSmtpInbox } from './helpers/smtp-inbox.ts';

const fast = { retrySchedule: [0, 50, 50], notifyAfterFailures: 2, disableAfterFailures: 3, disableAfterMs: 0, pollIntervalMs: 100 };

test('failing, disabled, recovered: the users are e-mailed in their language and the operational webhook gets each, signed', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ ...fast, smtpUrl: inbox.url, publicUrl: 'https://postback.example.com' });
  let healthy = false;
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = healthy ? 200 : 500; res.end(); });
  const operational: { type: string; data: Record<string, unknown> }[] = [];
  let opsSecret = '';
  await using ops = await startHttpReceiver((req, res, body) => {
    operational.push(new StandardWebhook(opsSecret).verify(body.toString('utf8'), req.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
    res.end();
  });
  const shop = await platform.tenant('Minha Escola');
  for (const email of ['ana@example.com', 'bruno@example.com']) await createUser(platform.store, { accountId: shop.account_id, email, password: 'correct horse battery' }, Date.now());
  const settings = await shop.call('PUT', '/api/v1/notification-settings', { language: 'es', webhook_url: ops.url });
  assert.equal(settings.status, 200);
  opsSecret = settings.body.webhook_secret;
  assert.match(opsSecret, /^whsec_/);
  const webhook = (await shop.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: receiver.url, events: ['PURCHASE_APPROVED'], max_attempts: 2 })).body;
  const sale = (await shop.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  // two attempts of the first sale fail: the 2nd failure in a row is "failing", and its attempts are spent
  await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sale, purchase: { ...sale.purchase, transaction: 'HP0001' } } });

  const failing = await inbox.waitFor('failing', (mail) => mail.subject.startsWith('Webhook con fallos'));
  assert.deepEqual(failing.to.sort(), ['ana@example.com', 'bruno@example.com']);
  assert.equal(failing.language, 'es');
  assert.match(failing.text, /Área de membros/);
  assert.match(failing.text, /HTTP 500/);
  // the next sale's first failure is the 3rd in a row: disabled, and its retry waits (skipped) for a recovery
  await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sale, purchase: { ...sale.purchase, transaction: 'HP0002' } } });
  const disabled = await inbox.waitFor('disabled', (mail) => mail.subject === 'Webhook desactivado: Área de membros');
  assert.match(disabled.text, new RegExp(`https://postback\\.example\\.com/webhooks\\?recover=${webhook.id}`), 'a link that opens the recovery');
  assert.match(disabled.text, /Entregas en espera: 1/);
  assert.match(disabled.html, /<a href="https:\/\/postback\.example\.com\/webhooks\?recover=/);
  await eventually('operational failing, disabled and the spent delivery', () => (operational.length >= 3 ? true : undefined));
  assert.deepEqual(operational.map((o) => o.type).sort(), ['delivery.failed', 'webhook.disabled', 'webhook.failing']);
  const disabledHook = operational.find((o) => o.type === 'webhook.disabled')!;
  assert.equal((disabledHook.data.webhook as { id: string }).id, webhook.id);

  healthy = true;
  assert.equal((await shop.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, { since: 0 })).status, 200);
  const recovered = await inbox.waitFor('recovered', (mail) => mail.subject === 'El webhook volvió a funcionar: Área de membros');
  assert.equal(recovered.to.length, 2);
  await eventually('operational recovered', () => operational.find((o) => o.type === 'webhook.recovered'));
  assert.equal(inbox.mails.filter((mail) => mail.subject.startsWith('Webhook con fallos')).length, 1, 'told once that it fails');
  const notices = (await shop.call('GET', '/api/v1/notices')).body.items as { kind: string; mail: string; webhook: string }[];
  assert.deepEqual(notices.map((n) => n.kind), ['webhook.recovered', 'webhook.disabled', 'delivery.failed', 'webhook.failing']);
  await eventually('every channel settled', async () => ((await shop.call('GET', '/api/v1/notices')).body.items as { mail: string; webhook: string }[]).every((n) => n.mail !== 'pending' && n.webhook !== 'pending') ? true : undefined);
});

test('without SMTP_URL nothing breaks: notices are kept for the dashboard, in pt-BR by default, and no mail is tried', async () => {
  await using platform = await startPlatform(fast);
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 503; res.end(); });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'correct horse battery' }, Date.now());
  assert.deepEqual((await shop.call('GET', '/api/v1/notification-settings')).body, { language: 'pt-BR', webhook_url: null });
  await shop.call('POST', '/api/v1/webhooks', { name: 'w', url: receiver.url, events: ['PURCHASE_APPROVED'] });
  const sale = (await shop.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  await shop.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sale });
  const notices = await eventually('failing and disabled, settled', async () => {
    const items = (await shop.call('GET', '/api/v1/notices')).body.items as { kind: string; mail: string; webhook: string }[];
    return items.length === 2 && items.every((n) => n.mail === 'skipped') ? items : undefined;
  });
  assert.deepEqual(notices.map((n) => [n.kind, n.mail, n.webhook]), [['webhook.disabled', 'skipped', 'skipped'], ['webhook.failing', 'skipped', 'skipped']]);
});
