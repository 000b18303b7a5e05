// Maps rows of either database to the Store contract's objects. Both dialects' tables have the same column names
// (snake_case) and keep JSON as TEXT; SQLite gives booleans as 0/1 and PostgreSQL as true/false, which Number()
// reads alike, and BIGINT arrives as a number (postgres/database.ts). So the mapping is one, and a column added to one
// store cannot drift in the other.
import type { SecretBox } from '../security/secret-box.ts';
import type { Account, ApiClient, Role, Session } from '../domain/account.ts';
import type { Attempt, DeliverySummary, StoredResend } from '../domain/delivery.ts';
import type { StoredEvent } from '../domain/event.ts';
import type { Product } from '../domain/product.ts';
import type { Webhook, WebhookRoute } from '../domain/webhook.ts';
import { type AccountId, asAccountId, asDeliveryId, asEventId, asWebhookId } from '../domain/ids.ts';
import type { Affiliation } from './affiliates.ts';
import type { AuditEntry } from './audit.ts';
import { readConversion, readConversionRoute } from './conversion-column.ts';
import type { ChannelState, Notice, NoticeKind } from './notices.ts';
import type { Offer } from './offers.ts';

type Row = Record<string, unknown>;
const nullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const nullableString = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** An accounts row, with its API client's id (LEFT JOINed: null when it has none). */
export function toAccount(row: Row, box: SecretBox): Account & { clientId: string | null } {
  return { id: asAccountId(String(row.id)), name: String(row.name), kind: row.kind as Account['kind'], hottok: box.open(String(row.hottok)), createdAt: Number(row.created_at),
    clientId: nullableString(row.client_id) };
}

export function toApiClient(row: Row): ApiClient {
  return { clientId: String(row.client_id), accountId: asAccountId(String(row.account_id)), secretHash: String(row.secret_hash) };
}

/** An access_tokens row: whose token it is, and until when. */
export function toTokenOwner(row: Row): { accountId: AccountId; clientId: string; expiresAt: number } {
  return { accountId: asAccountId(String(row.account_id)), clientId: String(row.client_id), expiresAt: Number(row.expires_at) };
}

/** A sessions row joined with its user's email and role. */
export function toSession(row: Row): Session {
  return { userId: String(row.user_id), accountId: asAccountId(String(row.account_id)), email: String(row.email), role: String(row.role) as Role, csrfToken: String(row.csrf_token), expiresAt: Number(row.expires_at) };
}

/** A webhook's routing columns (id, events, products, version, max_attempts, hottok_in_body, enabled, postback), as fan-out reads them. */
export function toWebhookRoute(row: Row): WebhookRoute {
  return {
    id: asWebhookId(String(row.id)),
    events: JSON.parse(String(row.events)) as string[],
    products: JSON.parse(String(row.products)) as Webhook['products'],
    version: String(row.version),
    maxAttempts: nullableNumber(row.max_attempts),
    // 0/1 in SQLite, a boolean in PostgreSQL: Number() reads both
    hottokInBody: Number(row.hottok_in_body) === 1,
    enabled: Number(row.enabled) === 1,
    postback: readConversionRoute(row.postback),
  };
}

export function toWebhook(row: Row, box: SecretBox): Webhook {
  return {
    ...toWebhookRoute(row),
    accountId: asAccountId(String(row.account_id)),
    name: String(row.name),
    url: String(row.url),
    disabledReason: nullableString(row.disabled_reason),
    disabledAt: nullableNumber(row.disabled_at),
    secret: box.open(String(row.secret)),
    previousSecrets: previousSecrets(row, box),
    failureStreak: Number(row.failure_streak),
    failingSince: nullableNumber(row.failing_since),
    hookTrigger: nullableString(row.hook_trigger),
    timeoutStreak: Number(row.timeout_streak),
    circuitOpenedAt: nullableNumber(row.circuit_opened_at),
    postback: readConversion(row.postback, box),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

type SealedPrevious = { secret: string; expires_at: number };

function previousSecrets(row: Row, box: SecretBox): Webhook['previousSecrets'] {
  return (JSON.parse(String(row.previous_secrets)) as SealedPrevious[]).map((entry) => ({ secret: box.open(entry.secret), expiresAt: entry.expires_at }));
}

/** The secrets that sign now: the current one first, then rotated-out ones still inside their overlap. */
export function signingSecrets(row: Row, box: SecretBox, now: number): string[] {
  const previous = (JSON.parse(String(row.previous_secrets)) as SealedPrevious[]).filter((entry) => entry.expires_at > now);
  return [box.open(String(row.secret)), ...previous.map((entry) => box.open(entry.secret))];
}

/** The column value after a rotation: the old current secret joins the list until `expiresAt`; expired ones go. */
/**
 * How many rotated-out secrets keep signing at most: every one adds a signature to every request's header, and a
 * rotation spree (a script, a hostile member) would otherwise grow it past what receivers and proxies accept (8 KiB
 * of headers is common). The newest are kept: a receiver still on an older secret has been left behind four times.
 */
export const maxPreviousSecrets = 4;

export function rotatedPrevious(row: Row, now: number, expiresAt: number): string {
  const kept = (JSON.parse(String(row.previous_secrets)) as SealedPrevious[]).filter((entry) => entry.expires_at > now);
  return JSON.stringify([{ secret: String(row.secret), expires_at: expiresAt }, ...kept].slice(0, maxPreviousSecrets));
}

export function toProduct(row: Row): Product {
  const url = nullableString(row.members_area_url);
  const membersArea = url === null ? null : { url, login: String(row.members_area_login) };
  return {
    id: String(row.id), name: String(row.name), ucode: nullableString(row.ucode), shareBuyerData: row.share_buyer_data === true || Number(row.share_buyer_data) === 1,
    membersArea, createdAt: Number(row.created_at), archivedAt: nullableNumber(row.archived_at),
  };
}

/** An affiliations row joined with its product's name and share_buyer_data, and both accounts' names. */
export function toAffiliation(row: Row): Affiliation {
  return {
    id: String(row.id),
    producerAccountId: asAccountId(String(row.producer_account_id)),
    productId: String(row.product_id),
    productName: String(row.product_name),
    affiliateCode: String(row.affiliate_code),
    affiliateAccountId: asAccountId(String(row.affiliate_account_id)),
    producerName: String(row.producer_name),
    affiliateName: String(row.affiliate_name),
    shareBuyerData: Number(row.share_buyer_data) === 1,
    createdAt: Number(row.created_at),
  };
}

/** An offers row joined with its product's name and ucode. */
export function toOffer(row: Row): Offer {
  return {
    code: String(row.code),
    accountId: asAccountId(String(row.account_id)),
    productId: String(row.product_id),
    productName: String(row.product_name),
    productUcode: nullableString(row.product_ucode),
    name: String(row.name),
    priceCents: Number(row.price_cents),
    currency: String(row.currency),
    createdAt: Number(row.created_at),
  };
}

/** One key per event across accounts (an account's event ids are its own): the claims read each claimed event once by it. */
export const eventKey = (accountId: unknown, eventId: unknown): string => `${String(accountId)} ${String(eventId)}`;

export function toEvent(row: Row): StoredEvent {
  return {
    id: asEventId(String(row.id)),
    accountId: asAccountId(String(row.account_id)),
    event: String(row.event),
    creationDate: Number(row.creation_date),
    data: String(row.data),
    transaction: nullableString(row.txn),
    productId: nullableString(row.product_id),
    isTest: Number(row.is_test) === 1,
    createdAt: Number(row.created_at),
  };
}

export function toDelivery(row: Row): DeliverySummary {
  return {
    id: asDeliveryId(String(row.id)),
    webhookId: asWebhookId(String(row.webhook_id)),
    eventId: asEventId(String(row.event_id)),
    event: String(row.event),
    transaction: nullableString(row.txn),
    status: String(row.status) as DeliverySummary['status'],
    isTest: Number(row.is_test) === 1,
    version: String(row.version),
    hottokInBody: Number(row.hottok_in_body) === 1,
    attemptCount: Number(row.attempt_count),
    cycleAttempts: Number(row.cycle_attempts),
    maxAttempts: Number(row.max_attempts),
    nextAttemptAt: nullableNumber(row.next_attempt_at),
    lastStatusCode: nullableNumber(row.last_status_code),
    lastError: nullableString(row.last_error),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Why a resend's fenced UPDATE wrote nothing, from the delivery's lease and its webhook's switch read after it (the
 * row, or undefined when the account has no such delivery). A lease that ended between the two reads is still
 * reported as the attempt it was: the client tries again.
 */
export function refusedResend(row: Row | undefined, now: number): Exclude<StoredResend, { kind: 'resent' }> {
  if (row === undefined) return { kind: 'not_found' };
  const leaseEnds = nullableNumber(row.lease_expires_at);
  if (row.lease_token !== null && leaseEnds !== null && leaseEnds > now) return { kind: 'in_flight', until: leaseEnds };
  if (Number(row.enabled) !== 1) return { kind: 'webhook_disabled' };
  return { kind: 'in_flight', until: now };
}

export function toNotice(row: Row): Notice {
  return {
    id: String(row.id), accountId: asAccountId(String(row.account_id)), kind: String(row.kind) as NoticeKind, webhookId: asWebhookId(String(row.webhook_id)),
    deliveryId: row.delivery_id === null ? null : asDeliveryId(String(row.delivery_id)), reason: nullableString(row.reason),
    createdAt: Number(row.created_at), mail: String(row.mail) as ChannelState, hook: String(row.hook) as ChannelState,
    attempts: Number(row.attempts), lastError: nullableString(row.last_error),
  };
}

export function toAttempt(row: Row): Attempt {
  return {
    id: String(row.id),
    deliveryId: asDeliveryId(String(row.delivery_id)),
    cycle: Number(row.cycle),
    number: Number(row.number),
    startedAt: Number(row.started_at),
    durationMs: Number(row.duration_ms),
    statusCode: nullableNumber(row.status_code),
    error: nullableString(row.error),
    errorDetail: nullableString(row.error_detail),
    requestHeaders: JSON.parse(String(row.request_headers)) as Record<string, string>,
    responseHeaders: JSON.parse(String(row.response_headers)) as Record<string, string>,
    responseBody: String(row.response_body),
    ...(row.url === null || row.url === undefined ? {} : { webhookUrl: String(row.url) }),
  };
}

/** An audit_log row. */
export function toAuditEntry(row: Row): AuditEntry {
  return {
    id: String(row.id),
    accountId: asAccountId(String(row.account_id)),
    at: Number(row.at),
    actor: String(row.actor),
    action: String(row.action),
    targetType: String(row.target_type),
    targetId: nullableString(row.target_id),
    targetName: nullableString(row.target_name),
    detail: JSON.parse(String(row.detail)) as Record<string, unknown>,
  };
}
