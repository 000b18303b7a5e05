// The notice e-mails say why in the account's language: a disabled webhook's reason and a last error were the store's
// English sentences inside Portuguese and Spanish mail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dnsDisabled, goneDisabled, ownerDisabled, streakDisabled } from '../domain/disabled-reason.ts';
import { asAccountId, asWebhookId } from '../domain/ids.ts';
import type { ClaimedNotice, NoticeKind, NoticeLanguage } from '../store/notices.ts';
import { noticeCatalogues, noticeMail } from './notice-messages.ts';

const notice = (kind: Exclude<NoticeKind, 'delivery.failed'>, reason: string, language: NoticeLanguage) => ({
  id: 'n1', accountId: asAccountId('a'), kind, webhookId: asWebhookId('w1'), deliveryId: null, reason, createdAt: Date.UTC(2026, 11, 7, 15), mail: 'pending', hook: 'pending',
  attempts: 0, lastError: null, leaseToken: 't', settings: { language, webhookUrl: null, webhookSecret: null }, waiting: 1234, recipients: ['ana@example.com'],
  webhook: { id: asWebhookId('w1'), name: 'Área de membros', url: 'https://membros.example.com/hook', enabled: false, disabledReason: reason, failureStreak: 50 },
}) as ClaimedNotice & { kind: Exclude<NoticeKind, 'delivery.failed'> };

const reasonLine = (kind: Exclude<NoticeKind, 'delivery.failed'>, reason: string, language: NoticeLanguage): string => {
  const mail = noticeMail(notice(kind, reason, language), 'https://postback.example.com/webhooks');
  const label = noticeCatalogues[language].labels.reason;
  return mail.text.split('\n').find((line) => line.startsWith(`${label}: `))!.slice(label.length + 2);
};

test('a disabled webhook\'s reason is said in the account\'s language, dates and counts in its format', () => {
  const since = Date.UTC(2026, 11, 4, 13);
  assert.equal(reasonLine('webhook.disabled', streakDisabled(1500, since), 'pt-BR'), '1.500 tentativas seguidas falharam desde 4 de dezembro de 2026 às 10:00:00 BRT, sem nenhum sucesso');
  assert.match(reasonLine('webhook.disabled', streakDisabled(50, since), 'es'), /^fallaron 50 intentos seguidos desde 4 de diciembre de 2026 a las 10:00:00 \S+, sin ningún éxito$/);
  assert.equal(reasonLine('webhook.disabled', dnsDisabled('hooks.example.com'), 'pt-BR'), 'o endereço hooks.example.com não existe (DNS)');
  assert.equal(reasonLine('webhook.disabled', goneDisabled, 'es'), 'el receptor respondió 410 Gone (pidió dejar de recibir)');
  assert.equal(reasonLine('webhook.disabled', ownerDisabled, 'en'), 'disabled by a user of the account');
  assert.equal(reasonLine('webhook.disabled', 'a reason an older version wrote', 'pt-BR'), 'a reason an older version wrote');
});

test('a failing webhook\'s last error: its code in words, the status as it is, the recorded detail after it', () => {
  assert.equal(reasonLine('webhook.failing', 'timeout: deadline of 15000 ms exceeded', 'pt-BR'), 'tempo esgotado: deadline of 15000 ms exceeded');
  assert.equal(reasonLine('webhook.failing', 'HTTP 500', 'es'), 'HTTP 500');
  assert.equal(reasonLine('webhook.failing', 'no answer', 'pt-BR'), 'sem resposta');
  assert.equal(reasonLine('webhook.failing', 'refused: connect ECONNREFUSED 203.0.113.7:443', 'es'), 'conexión rechazada: connect ECONNREFUSED 203.0.113.7:443');
  assert.equal(reasonLine('webhook.failing', 'some_new_code', 'en'), 'some_new_code');
  // an ad network's refusal for good (a Meta conversion whose token Meta refuses): its words kept after ours
  assert.equal(reasonLine('webhook.failing', 'network_refused: Meta answered 400, OAuthException code 190: Invalid OAuth access token', 'pt-BR'),
    'recusado pela rede de anúncios: Meta answered 400, OAuthException code 190: Invalid OAuth access token');
});

test('every language says every kind and every reason', () => {
  const shape = (value: unknown): unknown => (typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)])) : typeof value);
  const [first, ...others] = Object.values(noticeCatalogues).map(shape);
  for (const other of others) assert.deepEqual(other, first);
});
