// Request schemas of the API (zod): one definition validates input and documents it.
import { z } from 'zod';
import { eventNames, formatVersions } from '../catalog/index.ts';
import { hookFormat } from '../delivery/render-flat.ts';
import { deliveryStatuses } from '../store/store.ts';

const eventName = z.enum(eventNames, { error: (issue) => `unknown event "${String(issue.input)}"; see GET /api/v1/catalog` });
const productId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'a product id is 1 to 64 letters, digits, - or _' });

/** Epoch milliseconds or an ISO-8601 date; both arrive as text in a query string. */
export const instant = z.union([
  z.coerce.number().int().nonnegative(),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
], { error: 'expected epoch milliseconds or an ISO-8601 date, e.g. 2026-01-31T12:00:00Z' });

const webhookUrl = z.string().max(2048, { error: 'at most 2048 characters' }).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch { return false; }
}, { error: 'expected an absolute http:// or https:// URL' });

export const webhookFields = {
  name: z.string().trim().min(1, { error: 'required' }).max(120),
  url: webhookUrl,
  events: z.array(eventName).min(1, { error: 'choose at least one event' }).max(eventNames.length).transform((events) => [...new Set(events)]),
  products: z.union([z.literal('all'), z.array(productId).min(1, { error: 'list at least one product id, or "all"' }).max(1000)]),
  // the Hotmart formats, and REST hooks' flat JSON (a hook stays editable, and anyone may choose it)
  version: z.enum([...formatVersions, hookFormat], { error: `expected one of ${[...formatVersions, hookFormat].join(', ')}` }),
  max_attempts: z.number().int().min(1).max(20).nullable(),
  enabled: z.boolean(),
};

export const createWebhookBody = z.strictObject({
  ...webhookFields,
  products: webhookFields.products.default('all'),
  version: webhookFields.version.default('2.0.0'),
  max_attempts: webhookFields.max_attempts.default(null),
  enabled: webhookFields.enabled.default(true),
});
export const patchWebhookBody = z.strictObject(webhookFields).partial().refine((patch) => Object.keys(patch).length > 0, { error: 'send at least one field to change' });

const shareBuyerData = z.boolean({ error: 'expected true or false' });

export const createProductBody = z.strictObject({
  id: productId.optional(),
  name: z.string().trim().min(1, { error: 'required' }).max(200),
  ucode: z.string().max(64).optional(),
  share_buyer_data: shareBuyerData.default(false),
});

export const patchProductBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'required' }).max(200).optional(),
  ucode: z.string().max(64).nullable().optional(),
  share_buyer_data: shareBuyerData.optional(),
  // false restores an archived product
  archived: z.boolean({ error: 'expected true or false' }).optional(),
}).refine((patch) => Object.keys(patch).length > 0, { error: 'send at least one field to change' });

export const productParams = z.object({ id: productId });

export const createAffiliationBody = z.strictObject({
  affiliate_account_id: z.string().min(1, { error: 'required' }).max(64),
  // the code the producer's checkout puts in data.affiliates[].affiliate_code; one is made up when none is given
  affiliate_code: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'an affiliate code is 1 to 64 letters, digits, - or _' }).optional(),
});

export const publishBody = z.strictObject({
  event: eventName,
  data: z.record(z.string(), z.unknown(), { error: 'expected the event data object' }),
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'an event id is 1 to 100 letters, digits, . _ : or -' }).optional(),
  creation_date: z.number().int().nonnegative().optional(),
  version: z.literal('2.0.0').optional(),
});

export const idempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, { error: 'printable ASCII without spaces' }).optional();

// `data`: the sample as the user edited it (checked against the catalogue like any event's data); absent, the sample
export const testBody = z.strictObject({ event: eventName, data: z.record(z.string(), z.unknown(), { error: 'expected the event data object' }).optional() });
export const testSampleQuery = z.strictObject({ event: eventName });
export const recoverBody = z.strictObject({ since: z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((v) => Date.parse(v))]) });
export const recoverableQuery = z.strictObject({ since: instant });
/** How long the old signing secret keeps signing after a rotation: 0 (stops at once) to 7 days, in hours. */
export const rotateSecretBody = z.strictObject({ overlap_hours: z.number().int().min(0, { error: 'at least 0 hours' }).max(168, { error: 'at most 168 hours (7 days)' }).optional() });
/** The overview's window: the last `hours` hours (24 by default, up to 7 days). */
export const statsOverviewQuery = z.strictObject({ hours: z.coerce.number().int().min(1).max(168).default(24) });

export const deliveriesQuery = z.strictObject({
  webhook_id: z.string().max(64).optional(),
  event: eventName.optional(),
  status: z.enum(deliveryStatuses).optional(),
  transaction: z.string().max(64).optional(),
  // find one sale: buyer e-mail or name, transaction or product (id or name), from the start of any word, any case
  q: z.string().max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  page_token: z.string().max(200).optional(),
});

export const idParams = z.object({ id: z.string().max(64) });

export const replayBody = z.strictObject({ url: webhookUrl });
