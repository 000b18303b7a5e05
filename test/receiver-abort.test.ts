// A receiver may refuse one event for good by answering with `webhook-delivery: abort` (Svix's convention) on a 2xx
// or a 4xx: that delivery gets no more attempts and is recorded as such, and its webhook is not one failure closer to
// being disabled. Real receivers on 127.0.0.1, through the real platform.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';

async function publish(tenant: Tenant, transaction: string): Promise<string> {
  const data = sampleData('PURCHASE_APPROVED') as { purchase: Record<string, unknown> };
  const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...data, purchase: { ...data.purchase, transaction } } });
  assert.equal(answer.status, 202, answer.text);
  return answer.body.deliveries[0].id as string;
}

const settled = (tenant: Tenant, id: string) => eventually('the delivery settled', async () => {
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${id}`)).body;
  return detail.status === 'pending' ? undefined : detail;
});

test('webhook-delivery: abort on a 2xx or a 4xx stops that delivery after one attempt, recorded as receiver_abort; the webhook stays healthy', async () => {
  // a rule that would disable the webhook at its first counted failure: the aborts must not count
  await using platform = await startPlatform({ disableAfterFailures: 1, disableAfterMs: 0 });
  const answers: [number, string][] = [[200, 'abort'], [422, ' Abort '], [409, 'abort']];
  await using receiver = await startHttpReceiver((_req, res) => {
    const [status, header] = answers[Math.min(receiver.requests.length - 1, answers.length - 1)]!;
    res.writeHead(status, { 'webhook-delivery': header }).end('refused for good');
  });
  const tenant = await platform.tenant();
  const webhook = (await tenant.call('POST', '/api/v1/webhooks', { name: 'refuses', url: receiver.url, events: ['PURCHASE_APPROVED'] })).body;
  for (const [index, [status]] of answers.entries()) {
    const detail = await settled(tenant, await publish(tenant, `HPABORT${index}`));
    assert.equal(detail.status, 'failed', `answer ${status}`);
    assert.equal(detail.attempt_history.length, 1, 'no retry after an abort');
    assert.equal(detail.last_error, 'receiver_abort');
    assert.equal(detail.last_status_code, status);
    assert.match(detail.attempt_history[0].error_detail, /webhook-delivery: abort/);
    assert.equal(detail.attempt_history[0].response_body, 'refused for good');
  }
  assert.equal(receiver.requests.length, answers.length, 'one request per event');
  const after = (await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body;
  assert.deepEqual([after.enabled, after.disabled_reason], [true, null], 'refusing events is not failing');
  assert.equal((await platform.store.getWebhook(tenant.account_id, webhook.id))?.failureStreak, 0);
});

test('the header on a 5xx is not an abort: the receiver failed, and the delivery is retried until it succeeds', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => {
    if (receiver.requests.length === 1) res.writeHead(503, { 'webhook-delivery': 'abort' }).end('down');
    else res.end('ok');
  });
  const tenant = await platform.tenant();
  assert.equal((await tenant.call('POST', '/api/v1/webhooks', { name: 'flaky', url: receiver.url, events: ['PURCHASE_APPROVED'] })).status, 201);
  const detail = await settled(tenant, await publish(tenant, 'HPNOTABORT'));
  assert.equal(detail.status, 'delivered');
  assert.deepEqual(detail.attempt_history.map((attempt: { status_code: number; error: string | null }) => [attempt.status_code, attempt.error]), [[503, null], [200, null]]);
});
