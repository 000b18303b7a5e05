// How store objects look in API responses: snake_case, ISO-8601 times, secrets only where they are meant to be seen.
import type { Affiliation } from '../store/affiliates.ts';
import type { SaleFacts } from '../domain/sale-facts.ts';
import { displayUrl } from '../security/display-url.ts';
import type { Attempt, DeliverySummary, Product, Role, Webhook } from '../store/store.ts';
import { presentConversion } from './webhook-postback.ts';
import type { AccountId } from '../domain/ids.ts';

function iso(ms: number): string;
function iso(ms: number | null): string | null;
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * A URL as this role reads it. A viewer sees no secret (roles.ts), and a password inside a URL is one: masked, as logs
 * and the audit log show it. Developers and owners read it whole: they edit it.
 */
export const urlSeenBy = (role: Role) => (url: string): string => (role === 'viewer' ? displayUrl(url) : url);

/** `role`: the caller's, which decides how much of the URL it reads (urlSeenBy). */
export function presentWebhook(webhook: Webhook, role: Role) {
  return {
    id: webhook.id,
    name: webhook.name,
    url: urlSeenBy(role)(webhook.url),
    events: webhook.events,
    products: webhook.products,
    version: webhook.version,
    max_attempts: webhook.maxAttempts,
    hottok_in_body: webhook.hottokInBody,
    enabled: webhook.enabled,
    disabled_reason: webhook.disabledReason,
    disabled_at: iso(webhook.disabledAt),
    // the circuit breaker: open while the receiver keeps timing out (one attempt at a time until one succeeds)
    circuit: { open: webhook.circuitOpenedAt !== null, opened_at: iso(webhook.circuitOpenedAt), timeouts_in_a_row: webhook.timeoutStreak },
    postback: presentConversion(webhook.postback),
    created_at: iso(webhook.createdAt),
    updated_at: iso(webhook.updatedAt),
  };
}

/** A REST hook (a webhook subscribed through /api/v1/hooks) as automation tools see it. */
export function presentHook(hook: Webhook, role: Role) {
  return {
    id: hook.id,
    event: hook.hookTrigger,
    target_url: urlSeenBy(role)(hook.url),
    products: hook.products,
    name: hook.name,
    enabled: hook.enabled,
    disabled_reason: hook.disabledReason,
    created_at: iso(hook.createdAt),
    updated_at: iso(hook.updatedAt),
  };
}

/** `role`: the caller's (urlSeenBy: a viewer reads the members area's URL with its password masked). */
export function presentProduct(product: Product, role: Role) {
  return {
    id: product.id, name: product.name, ucode: product.ucode, share_buyer_data: product.shareBuyerData,
    // the password is never shown again: only that one is set
    members_area: product.membersArea && { url: urlSeenBy(role)(product.membersArea.url), login: product.membersArea.login, password_set: true },
    created_at: iso(product.createdAt),
    archived_at: iso(product.archivedAt),
  };
}

/** `role` says which side of the affiliation the caller is on. */
export function presentAffiliation(affiliation: Affiliation, accountId: AccountId) {
  return {
    id: affiliation.id,
    role: affiliation.producerAccountId === accountId ? 'producer' as const : 'affiliate' as const,
    product: { id: affiliation.productId, name: affiliation.productName, share_buyer_data: affiliation.shareBuyerData },
    affiliate_code: affiliation.affiliateCode,
    producer_account_id: affiliation.producerAccountId,
    affiliate_account_id: affiliation.affiliateAccountId,
    producer_name: affiliation.producerName,
    affiliate_name: affiliation.affiliateName,
    created_at: iso(affiliation.createdAt),
  };
}

export function presentDelivery(delivery: DeliverySummary) {
  return {
    id: delivery.id,
    webhook_id: delivery.webhookId,
    event_id: delivery.eventId,
    event: delivery.event,
    transaction: delivery.transaction,
    status: delivery.status,
    test: delivery.isTest,
    version: delivery.version,
    attempts: delivery.attemptCount,
    cycle_attempts: delivery.cycleAttempts,
    max_attempts: delivery.maxAttempts,
    next_attempt_at: iso(delivery.nextAttemptAt),
    last_status_code: delivery.lastStatusCode,
    last_error: delivery.lastError,
    created_at: iso(delivery.createdAt),
    updated_at: iso(delivery.updatedAt),
  };
}

/** Who bought what for how much, as the history lists each delivery (null where the event does not say). */
export function presentSale(facts: SaleFacts) {
  return { buyer: facts.buyer, product: facts.product, amount: facts.amount };
}

export function presentAttempt(attempt: Attempt, role: Role) {
  return {
    number: attempt.number,
    cycle: attempt.cycle,
    started_at: iso(attempt.startedAt),
    url: attempt.webhookUrl == null ? null : urlSeenBy(role)(attempt.webhookUrl),
    duration_ms: attempt.durationMs,
    // Hotmart's history shows -1 when no HTTP response was obtained; we show null and name the error instead
    status_code: attempt.statusCode,
    error: attempt.error,
    error_detail: attempt.errorDetail,
    request_headers: attempt.requestHeaders,
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody,
  };
}
