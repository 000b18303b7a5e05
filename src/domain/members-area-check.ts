// The members-area set-up check's judgement, from facts already gathered: whether the area answers over https, which
// webhook serves it, and how that webhook's last test post went. Each finding carries a code (the dashboard words it
// in the user's language), the facts behind it, and in English what was found and what to do.
import type { FailureCause } from '../delivery/classify-failure.ts';
import type { DeliverySummary } from './delivery.ts';
import type { Webhook } from './webhook.ts';
import { membersAreaEvents } from './members-area-events.ts';

export type FindingStatus = 'pass' | 'fail' | 'pending';
export type Finding = {
  check: 'https' | 'webhook' | 'test_post';
  status: FindingStatus;
  reason: string;
  detail: string;
  /** What to do about it; null when there is nothing to do. */
  fix: string | null;
  facts: Record<string, string | number | string[]>;
};

type Reachability = { kind: 'answered'; status: number } | { kind: 'failed'; cause: FailureCause; detail: string };

export function httpsFinding(url: string, reached: Reachability | null): Finding {
  if (new URL(url).protocol !== 'https:' || reached === null) {
    return { check: 'https', status: 'fail', reason: 'not_https', detail: `${url} is not an https:// address: buyers' passwords would cross the network in the clear.`, fix: 'Serve the members area over https (a certificate from Let\'s Encrypt, or a TLS proxy in front of it) and save its https:// address here.', facts: { url } };
  }
  if (reached.kind === 'answered') return { check: 'https', status: 'pass', reason: 'answered', detail: `${url} answered over https (HTTP ${reached.status}).`, fix: null, facts: { url, status: reached.status } };
  return { check: 'https', status: 'fail', reason: `unreachable_${reached.cause}`, detail: `${url} did not answer over https: ${reached.cause} (${reached.detail}).`, fix: unreachableFix(reached.cause), facts: { url, cause: reached.cause } };
}

function unreachableFix(cause: FailureCause): string {
  switch (cause) {
    case 'tls': return 'Install a valid certificate for this host name (not self-signed, not expired).';
    case 'dns': case 'dns_not_found': return 'Check the host name: it does not resolve. Point its DNS record at the members area\'s server.';
    case 'blocked_address': return 'The address is private: use the members area\'s public address (an operator can allow a private network with POSTBACK_ALLOW_NETWORKS).';
    case 'refused': case 'timeout': case 'reset': return 'Start the members area (postback members) and make sure its port is open to the internet.';
    default: return 'Make sure the members area is running and answers at this address.';
  }
}

const originOf = (url: string) => new URL(url).origin;
const coversProduct = (webhook: Webhook, productId: string) => webhook.products === 'all' || webhook.products.includes(productId);
const missingEvents = (webhook: Webhook) => membersAreaEvents.filter((event) => !webhook.events.includes(event));

/** The account's webhook that serves the area: on the area's origin, preferring one that needs nothing more. */
export function membersAreaWebhook(areaUrl: string, productId: string, webhooks: Webhook[]): Webhook | null {
  const onOrigin = webhooks.filter((webhook) => originOf(webhook.url) === originOf(areaUrl));
  const gaps = (webhook: Webhook) => (webhook.enabled ? 0 : 4) + (coversProduct(webhook, productId) ? 0 : 2) + (missingEvents(webhook).length > 0 ? 1 : 0);
  return onOrigin.sort((a, b) => gaps(a) - gaps(b))[0] ?? null;
}

export function webhookFinding(areaUrl: string, productId: string, webhook: Webhook | null): Finding {
  const origin = originOf(areaUrl);
  if (webhook === null) {
    return { check: 'webhook', status: 'fail', reason: 'missing', detail: `No webhook sends this product's sales to ${origin}.`, fix: 'Create it with the button (POST /api/v1/products/:id/members-area/webhook): it gets the grant, revoke and overdue events for this product.', facts: { origin } };
  }
  const facts = { webhook_id: webhook.id, webhook_name: webhook.name };
  if (!webhook.enabled) {
    return { check: 'webhook', status: 'fail', reason: 'disabled', detail: `The webhook "${webhook.name}" is disabled${webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}.`, fix: 'Fix what disabled it, then recover it on the Configurations page: the events it skipped are sent again.', facts };
  }
  if (!coversProduct(webhook, productId)) {
    return { check: 'webhook', status: 'fail', reason: 'other_products', detail: `The webhook "${webhook.name}" is limited to other products.`, fix: `Add product ${productId} to the webhook's products.`, facts };
  }
  const missing = missingEvents(webhook);
  if (missing.length > 0) {
    return { check: 'webhook', status: 'fail', reason: 'missing_events', detail: `The webhook "${webhook.name}" lacks ${missing.join(', ')}.`, fix: `Add ${missing.join(', ')} to the webhook's events: without them the area cannot open or close the course, or end an unpaid subscription.`, facts: { ...facts, missing } };
  }
  return { check: 'webhook', status: 'pass', reason: 'covered', detail: `The webhook "${webhook.name}" sends every grant, revoke and overdue event of this product to ${origin}.`, fix: null, facts };
}

export function testPostFinding(webhook: Webhook | null, lastTest: DeliverySummary | null): Finding {
  if (webhook === null) return { check: 'test_post', status: 'fail', reason: 'no_webhook', detail: 'There is no webhook to test yet.', fix: 'Create the webhook first.', facts: {} };
  if (lastTest === null) return { check: 'test_post', status: 'fail', reason: 'never_sent', detail: `"${webhook.name}" has never been sent a test.`, fix: 'Send it a test (Configurations page, or POST /api/v1/webhooks/:id/test).', facts: { webhook_id: webhook.id } };
  const facts = { webhook_id: webhook.id, delivery_id: lastTest.id, ...(lastTest.lastStatusCode === null ? {} : { status: lastTest.lastStatusCode }) };
  if (lastTest.status === 'delivered') return { check: 'test_post', status: 'pass', reason: 'answered_2xx', detail: `The last test post was answered HTTP ${lastTest.lastStatusCode}.`, fix: null, facts };
  if (lastTest.status === 'pending') return { check: 'test_post', status: 'pending', reason: 'in_flight', detail: 'The last test post is still being sent (or retried).', fix: 'Wait a moment and check again.', facts };
  const outcome = lastTest.lastStatusCode !== null ? `HTTP ${lastTest.lastStatusCode}` : lastTest.lastError ?? 'no answer';
  return { check: 'test_post', status: 'fail', reason: 'failed', detail: `The last test post failed (${outcome}).`, fix: 'See the post in History: a 401 means the area\'s hottok (or signing secret) is not this account\'s; then send another test.', facts: { ...facts, outcome } };
}
