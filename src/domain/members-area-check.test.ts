import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeliverySummary } from './delivery.ts';
import type { Webhook } from './webhook.ts';
import { httpsFinding, membersAreaWebhook, testPostFinding, webhookFinding } from './members-area-check.ts';
import { membersAreaEvents } from './members-area-events.ts';
import { asWebhookId } from './ids.ts';

const area = 'https://curso.example.com/';
const webhook = (overrides: Partial<Webhook> = {}): Webhook => ({
  id: 'w1', accountId: 'a', name: 'Area', url: 'https://curso.example.com/hook', events: [...membersAreaEvents], products: ['555'], version: '2.0.0', maxAttempts: null,
  enabled: true, disabledReason: null, disabledAt: null, secret: 'whsec_x', previousSecrets: [], failureStreak: 0, failingSince: null, createdAt: 0, updatedAt: 0, ...overrides,
} as Webhook);
const delivery = (overrides: Partial<DeliverySummary>): DeliverySummary => ({
  id: 'd1', webhookId: 'w1', eventId: 'e1', event: 'PURCHASE_APPROVED', transaction: null, status: 'delivered', isTest: true, version: '2.0.0', attemptCount: 1,
  cycleAttempts: 1, maxAttempts: 5, nextAttemptAt: null, lastStatusCode: 200, lastError: null, createdAt: 0, updatedAt: 0, hottokInBody: false, ...overrides,
} as DeliverySummary);

test('the area\'s webhook is the one on its origin that needs the least; each gap is named with its fix', () => {
  const elsewhere = webhook({ id: asWebhookId('w0'), url: 'https://other.example.com/' });
  const disabled = webhook({ id: asWebhookId('w2'), enabled: false, disabledReason: 'HTTP 410' });
  const complete = webhook({ id: asWebhookId('w3') });
  assert.equal(membersAreaWebhook(area, '555', [elsewhere, disabled, complete])?.id, 'w3');
  assert.equal(membersAreaWebhook(area, '555', [elsewhere]), null);
  assert.deepEqual([webhookFinding(area, '555', disabled).reason, webhookFinding(area, '555', disabled).status], ['disabled', 'fail']);
  assert.match(webhookFinding(area, '555', disabled).detail, /HTTP 410/);
  assert.equal(webhookFinding(area, '555', webhook({ products: ['777'] })).reason, 'other_products');
  assert.equal(webhookFinding(area, '555', webhook({ products: 'all' })).reason, 'covered');
  assert.equal(webhookFinding(area, '555', null).fix?.includes('members-area/webhook'), true);
  // the overdue notice is required like a grant or a revoke: without it the delay grace never applies
  const withoutDelay = webhookFinding(area, '555', webhook({ events: membersAreaEvents.filter((event) => event !== 'PURCHASE_DELAYED') }));
  assert.deepEqual([withoutDelay.reason, withoutDelay.facts.missing], ['missing_events', ['PURCHASE_DELAYED']]);
});

test('the https finding and the test post finding, each state with its fix', () => {
  assert.equal(httpsFinding('http://curso.example.com/', null).reason, 'not_https');
  assert.deepEqual([httpsFinding(area, { kind: 'answered', status: 302 }).status, httpsFinding(area, { kind: 'answered', status: 302 }).fix], ['pass', null]);
  const refused = httpsFinding(area, { kind: 'failed', cause: 'refused', detail: 'connect ECONNREFUSED' });
  assert.deepEqual([refused.reason, /postback members/.test(refused.fix ?? '')], ['unreachable_refused', true]);
  assert.match(httpsFinding(area, { kind: 'failed', cause: 'dns_not_found', detail: 'ENOTFOUND' }).fix ?? '', /DNS/);
  const hook = webhook();
  assert.equal(testPostFinding(hook, null).reason, 'never_sent');
  assert.deepEqual([testPostFinding(hook, delivery({})).status, testPostFinding(hook, delivery({})).facts.status], ['pass', 200]);
  assert.deepEqual([testPostFinding(hook, delivery({ status: 'pending', lastStatusCode: null })).status], ['pending']);
  const failed = testPostFinding(hook, delivery({ status: 'failed', lastStatusCode: 401 }));
  assert.deepEqual([failed.reason, failed.facts.outcome], ['failed', 'HTTP 401']);
  assert.equal(testPostFinding(hook, delivery({ status: 'failed', lastStatusCode: null, lastError: 'timeout' })).facts.outcome, 'timeout');
});
