// Request schemas of the API (zod): one definition validates input and documents it.
import { z } from 'zod';
import { eventNames, formatVersions } from '../catalog/index.ts';
import { epochMs } from '../catalog/formats.ts';
import { hookFormat } from '../delivery/render-flat.ts';
import { affiliateCodeShape } from '../domain/affiliate-link.ts';
import { parseWebhookUrl } from '../domain/webhook-url.ts';
import { conversionPresets, conversionVersion } from '../domain/conversion.ts';
import { asAccountId, asDeliveryId, asEventId, asWebhookId } from '../domain/ids.ts';
import type { JsonTemplate } from '../domain/conversion.ts';
import { originKeys } from '../domain/tracking-origin.ts';
import { newPassword, userEmail } from '../accounts/user-credentials.ts';
import { deliveryStatuses, roles } from '../store/store.ts';

const eventName = z.enum(eventNames, { error: (issue) => `unknown event "${String(issue.input)}"; see GET /api/v1/catalog` });
// A product id is what payloads carry in data.product.id: a whole number (the members-area events send its digits as
// a string). Fails closed: a product registered as "abc" could never match an event, so a webhook scoped to it would
// never fire. No leading zeros: 0123 would never equal the number 123 a payload carries.
const productId = z.string().regex(/^(0|[1-9][0-9]{0,14})$/, {
  error: 'a product id is the number payloads carry in data.product.id: digits only, no leading zeros, e.g. 3718245',
});
// Reaching an existing product (a path parameter): products made before ids had to be numbers stay reachable.
const productRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'a product id is 1 to 64 letters, digits, - or _' });
// What payloads carry in data.product.ucode: a UUID (any version; Hotmart's look like version 4).
const ucode = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  error: "a ucode is the product's UUID, as payloads carry it in data.product.ucode, e.g. e35a1769-6b38-4401-aa19-0c37cedd7c93",
});

// The ids a path or a query names: any short string is taken (a malformed one names nothing, so the store answers
// not found), and parsing is where it becomes a branded id (../domain/ids.ts); OpenAPI documents the input string.
const webhookId = z.string().max(64).transform(asWebhookId);
const deliveryId = z.string().max(64).transform(asDeliveryId);

/** Epoch milliseconds or an ISO-8601 date; both arrive as text in a query string. */
export const instant = z.union([
  z.coerce.number().pipe(epochMs),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
], { error: 'expected epoch milliseconds or an ISO-8601 date, e.g. 2026-01-31T12:00:00Z' });

// the sender's own parser: a URL accepted here can always be sent to
export const webhookUrl = z.string().max(2048, { error: 'at most 2048 characters' }).superRefine((value, context) => {
  const verdict = parseWebhookUrl(value);
  if (!verdict.ok) context.addIssue({ code: 'custom', message: verdict.reason, input: value });
});

// the Hotmart formats, REST hooks' flat JSON (a hook stays editable, and anyone may choose it) and conversion postbacks
const webhookVersions = [...formatVersions, hookFormat, conversionVersion] as const;

/** A JSON body template of a conversion postback: string leaves may hold {macros}. Bounded in depth by the body limit. */
const jsonTemplate: z.ZodType<JsonTemplate> = z.lazy(() => z.union([
  z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(jsonTemplate).max(100), z.record(z.string().max(100), jsonTemplate),
]));
const goalName = z.string().trim().min(1, { error: 'required' }).max(100);

/** A `postback` webhook's settings: a preset (its real parameter names) or a custom template, and the goal per event. */
// Meta's Test Events code (Events Manager, Test events): test sends carry it, so Meta never counts a test as a sale
const testEventCode = z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'the code from Events Manager\'s Test events tab, e.g. TEST12345' });

export const conversionSettings = z.strictObject({
  preset: z.enum(conversionPresets, { error: `expected one of ${conversionPresets.join(', ')}` }).default('custom'),
  // a preset's scheme, host and path, replaced (a tracker's own domain; a local fake network in tests)
  base_url: z.string().max(2048).optional(),
  method: z.enum(['GET', 'POST']).optional(),
  body: jsonTemplate.optional(),
  goals: z.partialRecord(eventName, z.union([goalName, z.strictObject({ goal: goalName, negative_value: z.boolean().default(false) })]))
    .refine((goals) => Object.keys(goals).length > 0, { error: 'map at least one event to a goal, e.g. {"PURCHASE_APPROVED": "purchase"}' }),
  click_id_from: z.array(z.enum(originKeys)).min(1).max(originKeys.length).optional(),
  pixel_id: z.string().max(30).optional(),
  access_token: z.string().min(1).max(1000).optional(),
  app_secret: z.string().min(1).max(200).optional(),
  test_event_code: testEventCode.optional(),
});

/** PUT /api/v1/webhooks/:id/test-event-code: the code, or null to remove it. */
export const testEventCodeBody = z.strictObject({ test_event_code: testEventCode.nullable() });

/** Product ids one webhook may be scoped to; past it, "all" (a scope is read at every publish of the account). */
const maxScopedProducts = 1000;
// Each id once (a repeat would be shown twice and count against the limit), and the limit checked on what is kept:
// zod folds an array's too_big into the union's bare "Invalid input", so the union says what it takes and the limit
// is a check of its own, each with a message that says what to do.
const productScope = z.union([z.literal('all'), z.array(productId).min(1, { error: 'list at least one product id, or "all"' })], {
  error: 'expected "all" (in lower case) or a list of product ids, e.g. ["3718245"]',
})
  .transform((scope) => (scope === 'all' ? scope : [...new Set(scope)]))
  .refine((scope) => scope === 'all' || scope.length <= maxScopedProducts, { error: `at most ${maxScopedProducts} product ids; use "all" for every product` })
  .meta({ description: `"all", or up to ${maxScopedProducts} product ids (repeats are dropped)` });

export const webhookFields = {
  name: z.string().trim().min(1, { error: 'required' }).max(120),
  url: webhookUrl,
  events: z.array(eventName).min(1, { error: 'choose at least one event' }).max(eventNames.length).transform((events) => [...new Set(events)]),
  products: productScope,
  version: z.enum(webhookVersions, { error: `expected one of ${webhookVersions.join(', ')}` }),
  max_attempts: z.number().int().min(1).max(20).nullable(),
  // for receivers that read the token only from the body (Hotmart puts it there in test posts): every 2.0.0 body
  hottok_in_body: z.boolean({ error: 'expected true or false' }),
  enabled: z.boolean(),
  postback: conversionSettings,
};

// A postback webhook's URL and events may come from its settings (a preset builds the URL; the goals name the events).
export const createWebhookBody = z.strictObject({
  ...webhookFields,
  url: webhookFields.url.optional(),
  events: webhookFields.events.optional(),
  products: webhookFields.products.default('all'),
  version: webhookFields.version.default('2.0.0'),
  max_attempts: webhookFields.max_attempts.default(null),
  hottok_in_body: webhookFields.hottok_in_body.default(false),
  enabled: webhookFields.enabled.default(true),
  postback: webhookFields.postback.optional(),
}).superRefine((body, context) => {
  if (body.version === conversionVersion) {
    if (!body.postback) context.addIssue({ code: 'custom', path: ['postback'], message: 'required with version "postback": a preset or a custom template, and the goal of each event' });
    return;
  }
  if (body.postback) context.addIssue({ code: 'custom', path: ['postback'], message: 'only with version "postback"' });
  if (body.url === undefined) context.addIssue({ code: 'custom', path: ['url'], message: 'required' });
  if (body.events === undefined) context.addIssue({ code: 'custom', path: ['events'], message: 'required' });
});
export const patchWebhookBody = z.strictObject(webhookFields).partial().refine((patch) => Object.keys(patch).length > 0, { error: 'send at least one field to change' });

const shareBuyerData = z.boolean({ error: 'expected true or false' });

export const createProductBody = z.strictObject({
  id: productId.optional(),
  name: z.string().trim().min(1, { error: 'required' }).max(200),
  ucode: ucode.optional(),
  share_buyer_data: shareBuyerData.default(false),
});

// the password is the marketplace's way into the area: kept sealed, never shown again; left out, the one set is kept
const membersArea = z.strictObject({
  url: webhookUrl,
  login: z.string().trim().min(1, { error: 'required' }).max(200),
  password: z.string().min(1, { error: 'required (or leave the field out to keep the one set)' }).max(200).optional(),
}).nullable();

export const patchProductBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'required' }).max(200).optional(),
  ucode: ucode.nullable().optional(),
  share_buyer_data: shareBuyerData.optional(),
  members_area: membersArea.optional(),
  // false restores an archived product
  archived: z.boolean({ error: 'expected true or false' }).optional(),
}).refine((patch) => Object.keys(patch).length > 0, { error: 'send at least one field to change' });

export const membersAreaWebhookBody = z.strictObject({ url: webhookUrl.optional() });

export const productParams = z.object({ id: productRef });

export const createAffiliationBody = z.strictObject({
  affiliate_account_id: z.string().min(1, { error: 'required' }).max(64).transform(asAccountId),
  // the code the producer's checkout puts in data.affiliates[].affiliate_code; one is made up when none is given
  affiliate_code: z.string().regex(affiliateCodeShape, { error: 'an affiliate code is 1 to 64 letters, digits, - or _' }).optional(),
});

// Checkout offers: the product's id must be a number, as marketplace product ids are (payloads carry data.product.id
// as an integer); the price has at most two places
export const createOfferBody = z.strictObject({
  product_id: z.string().regex(/^\d{1,15}$/, { error: 'the hosted checkout sells products whose id is a number, as in payloads (data.product.id)' }),
  name: z.string().trim().min(1).max(120).optional(),
  price: z.number().positive({ error: 'a price above zero' }).max(1_000_000).refine((price) => Math.abs(price * 100 - Math.round(price * 100)) < 1e-6, { error: 'at most two decimal places' }),
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'a 3-letter currency code, e.g. BRL' }).default('BRL'),
});

export const recentConversionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

// A body captured from Hotmart may be posted as it is: `creationDate` (CLUB_FIRST_ACCESS's spelling) stands for
// creation_date, and a `hottok` is accepted and ignored (Postback's deliveries carry the account's own)
export const publishBody = z.strictObject({
  event: eventName,
  data: z.record(z.string(), z.unknown(), { error: 'expected the event data object' }),
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'an event id is 1 to 100 letters, digits, . _ : or -' }).transform(asEventId).optional(),
  creation_date: epochMs.optional(),
  creationDate: epochMs.optional().meta({ description: 'creation_date as Hotmart spells it for CLUB_FIRST_ACCESS; give one of the two' }),
  version: z.literal('2.0.0').optional(),
  hottok: z.string().max(200).optional().meta({ description: 'Ignored: a captured Hotmart body may keep it; deliveries carry the account\'s own hottok' }),
}).refine((body) => body.creation_date === undefined || body.creationDate === undefined, { path: ['creationDate'], error: 'give creation_date or creationDate, not both' });

export const idempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, { error: 'printable ASCII without spaces' }).optional();

// `data`: the sample as the user edited it (checked against the catalogue like any event's data); absent, the sample
export const testBody = z.strictObject({ event: eventName, data: z.record(z.string(), z.unknown(), { error: 'expected the event data object' }).optional() });
export const testSampleQuery = z.strictObject({ event: eventName });
export const recoverBody = z.strictObject({ since: z.union([epochMs, z.iso.datetime({ offset: true }).transform((v) => Date.parse(v))], { error: 'expected epoch milliseconds or an ISO-8601 date, e.g. 2026-01-31T12:00:00Z' }) });
export const recoverableQuery = z.strictObject({ since: instant.optional().meta({ description: 'Absent: the oldest sale left unsent since the webhook began failing (or was disabled), which a recovery from then would send' }) });
/** How long the old signing secret keeps signing after a rotation: 0 (stops at once) to 7 days, in hours. */
export const rotateSecretBody = z.strictObject({ overlap_hours: z.number().int().min(0, { error: 'at least 0 hours' }).max(168, { error: 'at most 168 hours (7 days)' }).optional() });
/** The overview's window: the last `hours` hours (24 by default, up to 7 days). */
export const statsOverviewQuery = z.strictObject({ hours: z.coerce.number().int().min(1).max(168).default(24) });

export const deliveriesQuery = z.strictObject({
  webhook_id: webhookId.optional(),
  event: eventName.optional(),
  status: z.enum(deliveryStatuses).optional(),
  transaction: z.string().max(64).optional(),
  // find one sale: buyer e-mail or name, transaction or product (id or name), from the start of any word, any case
  q: z.string().max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  test: z.enum(['true', 'false'], { error: 'true (only test sends) or false (none)' }).transform((value) => value === 'true').optional()
    .meta({ description: 'true: only test sends; false: without them' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  page_token: z.string().max(200).optional(),
}).refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { path: ['to'], error: 'must not be before from' });

export const idParams = z.object({ id: z.string().max(64) });
export const webhookParams = z.object({ id: webhookId });
export const deliveryParams = z.object({ id: deliveryId });

export const replayBody = z.strictObject({ url: webhookUrl });

/** Team: an invitation names an e-mail and the role it gets; a member's role changes by itself. */
export const invitationBody = z.strictObject({ email: userEmail, role: z.enum(roles, { error: `expected one of ${roles.join(', ')}` }) });
export const memberRoleBody = z.strictObject({ role: z.enum(roles, { error: `expected one of ${roles.join(', ')}` }) });
export const invitationParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'not an invitation token' }) });
export const acceptInvitationBody = z.strictObject({ password: newPassword });
export const auditQuery = z.strictObject({
  before: z.string().regex(/^[0-9a-f-]{36}$/, { error: 'expected next_before from the previous page' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
