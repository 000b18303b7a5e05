// Response schemas of the API (zod), one per presenter in present.ts: each route's answers are checked against them
// before they are sent (openapi/zod-compilers.ts) and they are what GET /openapi.json documents.
// Objects are loose on purpose: a key a schema does not name is still sent, so a presenter that grows a field keeps
// working while its schema catches up; test/openapi-examples.test.ts fails on any key left undocumented.
import { z } from 'zod';
import { deliveryStatuses, roles } from '../store/store.ts';

export const object = z.looseObject;
export const time = z.string().meta({ description: 'ISO-8601 UTC', examples: ['2026-03-10T14:23:05.000Z'] });
const headers = z.record(z.string(), z.string());
// a text, not an enum: delivery kinds other than Hotmart's formats add their own versions
const formatVersion = z.string().meta({ description: 'Payload format: 2.0.0 (Hotmart JSON), 1.0.0 (Hotmart form), ...' });

export const webhookResponse = object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()).meta({ description: 'Event names from GET /api/v1/catalog' }),
  products: z.union([z.literal('all'), z.array(z.string())]),
  version: formatVersion,
  max_attempts: z.number().int().nullable().meta({ description: 'null: the platform default (POSTBACK_RETRY_SCHEDULE)' }),
  hottok_in_body: z.boolean(),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  disabled_at: time.nullable(),
  circuit: object({ open: z.boolean(), opened_at: time.nullable(), timeouts_in_a_row: z.number().int() }).meta({ description: 'The circuit breaker: open after timeouts in a row, one attempt at a time until one succeeds' }),
  postback: z.unknown().nullable().meta({ description: 'A conversion postback\'s settings (version "postback"), else null' }),
  created_at: time,
  updated_at: time,
});
const signingSecret = z.string().meta({ description: 'The whsec_ signing secret, shown only in this answer' });
export const webhookWithSecret = webhookResponse.extend({ secret: signingSecret });
export const rotatedWebhook = webhookWithSecret.extend({ previous_secret_expires_at: time.meta({ description: 'Until then the old secret signs beside the new one (now, for an overlap of 0)' }) });
export const revealedSecret = object({
  id: z.string(), secret: z.string().meta({ description: 'The current whsec_ signing secret' }),
  previous_secrets: z.array(object({ expires_at: time })).meta({ description: 'Older secrets still signing beside it, until when (never shown)' }),
});
export const recoverableCount = object({ since: time, count: z.number().int().meta({ description: 'Deliveries a recovery since then would send again' }) });

export const deliverySummary = object({
  id: z.string(),
  webhook_id: z.string(),
  event_id: z.string(),
  event: z.string(),
  transaction: z.string().nullable(),
  status: z.enum(deliveryStatuses),
  test: z.boolean(),
  version: formatVersion,
  attempts: z.number().int(),
  cycle_attempts: z.number().int(),
  max_attempts: z.number().int(),
  next_attempt_at: time.nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: time,
  updated_at: time,
});

/** Who bought what for how much, read from the event's data; null where the event does not say. */
const saleFacts = {
  buyer: object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  product: object({ id: z.string().nullable(), name: z.string().nullable() }).nullable(),
  amount: object({ value: z.number(), currency: z.string() }).nullable(),
};
export const deliveryRow = deliverySummary.extend(saleFacts);

export const attemptResponse = object({
  number: z.number().int(),
  cycle: z.number().int(),
  started_at: time,
  url: z.string().nullable().meta({ description: 'The webhook\'s URL when this attempt was made (it may have changed since); null for attempts recorded before Postback kept it' }),
  duration_ms: z.number().int(),
  status_code: z.number().int().nullable().meta({ description: 'null when no HTTP answer came (see error)' }),
  error: z.string().nullable().meta({ description: 'A named cause: timeout, dns, refused, reset, tls, blocked_address, too_large, ...' }),
  error_detail: z.string().nullable(),
  request_headers: headers,
  response_headers: headers,
  response_body: z.string().meta({ description: 'A prefix of at most POSTBACK_RESPONSE_KEPT_BYTES' }),
});

export const deliveryDetail = deliveryRow.extend({
  // null where nothing can be rendered any more (a conversion postback whose webhook was removed)
  request: object({ method: z.enum(['GET', 'POST']).nullable(), url: z.string().nullable(), content_type: z.string().nullable(), headers: headers.nullable(), body: z.string().nullable() }),
  payload: z.unknown().meta({ description: 'The sent body as data: the JSON (2.0.0) or the form fields (1.0.0), hottok masked' }),
  attempt_history: z.array(attemptResponse).meta({ description: 'The latest 100 attempts, oldest first; `attempts` counts them all' }),
});

export const deliveryPage = object({ items: z.array(deliveryRow), next_page_token: z.string().nullable() });

/** A one-off send of a delivery to another URL: the receiver's answer, or the network error (never recorded as an attempt). */
export const replayResult = object({
  url: z.string().meta({ description: 'The URL it went to, a password in it masked' }), status_code: z.number().int().nullable(), error: z.string().nullable(), error_detail: z.string().nullable(),
  duration_ms: z.number().int(), response_headers: headers, response_body: z.string(),
});

export const testSampleResponse = object({ event: z.string(), data: z.record(z.string(), z.unknown()).meta({ description: 'What a test of this event would post as data, to edit and send back' }) });

export const productResponse = object({
  id: z.string(), name: z.string(), ucode: z.string().nullable(), share_buyer_data: z.boolean(),
  members_area: object({ url: z.string(), login: z.string(), password_set: z.boolean() }).nullable().meta({ description: 'The external members area (its password is never shown)' }),
  created_at: time,
  archived_at: time.nullable().meta({ description: 'Set when it was removed while a sale named it (PATCH archived: false restores it)' }),
});
export const productRemoval = object({ id: z.string(), result: z.enum(['deleted', 'archived']).meta({ description: 'archived: a sale names it, so it is kept (restorable)' }) });

export const affiliationResponse = object({
  id: z.string(),
  role: z.enum(['producer', 'affiliate']),
  product: object({ id: z.string(), name: z.string(), share_buyer_data: z.boolean() }),
  affiliate_code: z.string(),
  producer_account_id: z.string(),
  affiliate_account_id: z.string(),
  producer_name: z.string(),
  affiliate_name: z.string(),
  created_at: time,
});

export const itemsOf = <T extends z.ZodType>(item: T) => object({ items: z.array(item) });

export const accountResponse = object({
  id: z.string(), name: z.string(), kind: z.enum(['producer', 'affiliate']), client_id: z.string().nullable(),
  hottok: z.string().nullable().meta({ description: 'null for a viewer: no secrets' }), created_at: time,
});
export const issuedClientSecret = object({ client_id: z.string(), client_secret: z.string().meta({ description: 'Shown only in this answer' }), basic: z.string() });

export const sessionResponse = object({
  account: object({ id: z.string(), name: z.string(), kind: z.enum(['producer', 'affiliate']) }),
  user: object({ id: z.string(), email: z.string() }).nullable().meta({ description: 'null for a bearer token' }),
  role: z.enum(roles).meta({ description: 'The user\'s role in the account (an API client acts as owner)' }),
  csrf_token: z.string().nullable(),
  expires_at: time.nullable(),
});

export const issuedAccount = object({ account_id: z.string(), client_id: z.string(), client_secret: z.string(), basic: z.string(), hottok: z.string() });

export const publishResponse = object({ id: z.string().meta({ description: 'The event id (webhook-id on every delivery)' }), replayed: z.boolean(), deliveries: z.array(deliverySummary) });

export const purchaseMove = object({ transaction: z.string(), status: z.string(), event: object({ id: z.string(), name: z.string(), deliveries: z.array(deliverySummary) }) });
export const purchaseResponse = object({
  transaction: z.string(), status: z.string(), data: z.record(z.string(), z.unknown()), created_at: time, updated_at: time,
  timeline: z.array(object({ id: z.string(), event: z.string(), creation_date: z.number().int(), test: z.boolean() })),
});

/** 204: nothing is sent (never serialized: Fastify sends no body for 204). */
export const noContent = z.undefined().meta({ description: 'No content' });

// sent_to_affiliates: when the product does not share buyer data; sent_to_affiliates_when_shared: when it does
const toAffiliates = {
  sent_to_affiliates: z.boolean().meta({ description: "Whether affiliates get it when the product does not share the buyer's data" }),
  sent_to_affiliates_when_shared: z.boolean().meta({ description: "Whether affiliates get it when the product shares the buyer's data (never the producer's document, the buyer's IP, browser or checkout page)" }),
};
const catalogField = object({ name: z.string(), description: z.string(), format: z.string(), size: z.number().int().nullable(), ...toAffiliates, required: z.boolean() });
const legacyField = object({ name: z.string(), description: z.string(), source: z.string(), format: z.string(), required: z.boolean(), ...toAffiliates });
export const catalogEvent = object({
  name: z.string(), description: z.string(), family: z.string(), versions: z.array(z.string()),
  fields: z.array(catalogField).meta({ description: 'The 2.0.0 data fields' }),
  legacy_fields: z.array(legacyField).meta({ description: 'The 1.0.0 form fields, in the order they are sent' }),
  legacy_fields_not_sent: z.array(object({ name: z.string(), description: z.string(), why: z.string() })).meta({ description: 'Hotmart 1.0.0 fields Postback does not send, and why' }),
  envelope: object({ creation_date_key: z.enum(['creation_date', 'creationDate']), hottok_in_body: z.boolean() }).meta({ description: 'How the 2.0.0 envelope is written for this event' }),
  sample: z.record(z.string(), z.unknown()),
  affiliate_sample: z.record(z.string(), z.unknown()).meta({ description: 'The sample as affiliates get it without shared buyer data' }),
  legacy_sample: z.string(),
  affiliate_legacy_sample: z.string(),
});
export const catalogResponse = object({ versions: z.array(z.string()), events: z.array(catalogEvent) });

export const hookResponse = object({
  id: z.string(), event: z.string().nullable().meta({ description: 'The trigger it was subscribed to' }), target_url: z.string(), products: z.union([z.literal('all'), z.array(z.string())]),
  name: z.string(), enabled: z.boolean(), disabled_reason: z.string().nullable(), created_at: time, updated_at: time,
});
export const offerResponse = object({
  code: z.string(), product: object({ id: z.string(), name: z.string() }), name: z.string(), price: z.number(), currency: z.string(),
  checkout_path: z.string().meta({ description: 'The hosted checkout of this offer' }), created_at: time,
});
