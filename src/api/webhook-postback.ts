// What a webhook create or change means for its conversion postback settings: a `postback` webhook's URL, events and
// ConversionConfig come from its settings (src/delivery/conversion/configure.ts); any other version has none. Bad
// settings are one 422 naming each field, before anything is written.
import type { z } from 'zod';
import { conversionVersion } from '../domain/conversion.ts';
import type { ConversionConfig } from '../domain/conversion.ts';
import { configureConversion } from '../delivery/conversion/configure.ts';
import type { ConversionInput, KeptCredentials } from '../delivery/conversion/configure.ts';
import type { Webhook, WebhookPatch } from '../store/store.ts';
import { problem } from './problems.ts';
import type { FieldError } from './problems.ts';
import type { createWebhookBody, patchWebhookBody } from './schemas.ts';

type Target = { url: string; events: string[]; postback: ConversionConfig | null };

const invalid = (errors: FieldError[]) => problem('validation_failed', `Invalid body: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);

function configured(settings: ConversionInput, url: string | undefined, events: string[] | undefined, kept?: KeptCredentials): Target {
  const result = configureConversion(settings, url, events, kept);
  if ('issues' in result) throw invalid(result.issues);
  return { url: result.url, events: result.events, postback: result.config };
}

/** The URL, events and conversion settings a new webhook is stored with. */
export function targetForCreate(body: z.output<typeof createWebhookBody>): Target {
  // the schema guarantees postback with version "postback", and url and events otherwise
  if (body.version === conversionVersion) return configured(body.postback!, body.url, body.events);
  return { url: body.url!, events: body.events!, postback: null };
}

/**
 * The store patch of a change, with the URL, events and settings recomputed when the change touches them. A webhook
 * never changes between a conversion postback and a notification format: its deliveries fixed their kind at fan-out
 * while the URL is the webhook's current one, so a retry, a resend or a recovery would have sent a Hotmart body with
 * the hottok and the buyer's data to an ad network (or a conversion to a Hotmart receiver).
 */
export function patchFor(body: z.output<typeof patchWebhookBody>, current: Webhook): WebhookPatch {
  const { max_attempts: maxAttempts, hottok_in_body: hottokInBody, postback: settings, ...rest } = body;
  const patch: WebhookPatch = { ...rest, ...(maxAttempts !== undefined ? { maxAttempts } : {}), ...(hottokInBody !== undefined ? { hottokInBody } : {}) };
  const postback = current.version === conversionVersion ? current.postback : null;
  if (body.version !== undefined && (body.version === conversionVersion) !== (postback !== null)) {
    throw invalid([{ path: 'body.version', message: `a ${postback ? 'conversion postback' : 'webhook of a notification format'} keeps its kind: create a new configuration for the other (this one keeps its history)` }]);
  }
  if (!postback) {
    if (settings) throw invalid([{ path: 'body.postback', message: 'only with version "postback"' }]);
    return patch;
  }
  if (settings) {
    const customUrl = body.url ?? (postback.preset === 'custom' ? current.url : undefined);
    // the stored credentials are kept only while the postback stays on their origin (configure.ts, checkKeptOrigin)
    const target = configured(settings, settings.preset === 'custom' ? customUrl : body.url, body.events, { secrets: postback.secrets, url: current.url });
    return { ...patch, ...target };
  }
  // the same URL sent back (a form that sends every field) is no change
  const newUrl = body.url !== undefined && body.url !== current.url;
  if (newUrl && postback.preset !== 'custom') throw invalid([{ path: 'body.url', message: 'a preset builds the URL; change postback.base_url instead' }]);
  // a custom template is checked as when it was created (macros known, none in the host), and click_id_required follows it
  if (newUrl) return { ...patch, ...configured(settingsOf(postback), body.url, body.events, { secrets: postback.secrets, url: current.url }) };
  const uncovered = (body.events ?? []).filter((event) => !postback.goals[event]);
  if (uncovered.length > 0) throw invalid(uncovered.map((event) => ({ path: 'body.events', message: `${event} has no goal in postback.goals` })));
  return patch;
}

/** The settings a stored configuration was made from (credentials aside: they are kept as they are). */
function settingsOf(config: ConversionConfig): ConversionInput {
  return { preset: config.preset, method: config.method, body: config.body ?? undefined, goals: config.goals, click_id_from: config.click_id_from, test_event_code: config.test_event_code };
}

/** The field a refused URL is named by: a preset's URL is built from postback.base_url, anything else is `url`. */
export function urlField(settings: { preset: string } | undefined): string {
  return settings !== undefined && settings.preset !== 'custom' ? 'body.postback.base_url' : 'body.url';
}

/** How the settings look in answers: credentials masked like the hottok (the last 4 characters). */
export function presentConversion(config: ConversionConfig | null) {
  if (!config) return null;
  return { ...config, secrets: Object.fromEntries(Object.entries(config.secrets).map(([name, value]) => [name, `********${value.slice(-4)}`])) };
}
