// What a webhook create or change means for its conversion postback settings: a `postback` webhook's URL, events and
// ConversionConfig come from its settings (src/delivery/conversion/configure.ts); any other version has none. Bad
// settings are one 422 naming each field, before anything is written.
import type { z } from 'zod';
import { conversionVersion } from '../domain/conversion.ts';
import type { ConversionConfig } from '../domain/conversion.ts';
import { configureConversion } from '../delivery/conversion/configure.ts';
import type { Webhook, WebhookPatch } from '../store/store.ts';
import { problem } from './problems.ts';
import type { FieldError } from './problems.ts';
import type { conversionSettings, createWebhookBody, patchWebhookBody } from './schemas.ts';

type Settings = z.output<typeof conversionSettings>;
type Target = { url: string; events: string[]; postback: ConversionConfig | null };

const invalid = (errors: FieldError[]) => problem('validation_failed', `Invalid body: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);

function configured(settings: Settings, url: string | undefined, events: string[] | undefined, kept?: Record<string, string>): Target {
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

/** The store patch of a change, with the URL, events and settings recomputed when the change touches them. */
export function patchFor(body: z.output<typeof patchWebhookBody>, current: Webhook): WebhookPatch {
  const { max_attempts: maxAttempts, hottok_in_body: hottokInBody, postback: settings, ...rest } = body;
  const patch: WebhookPatch = { ...rest, ...(maxAttempts !== undefined ? { maxAttempts } : {}), ...(hottokInBody !== undefined ? { hottokInBody } : {}) };
  const version = body.version ?? current.version;
  if (version !== conversionVersion) {
    if (settings) throw invalid([{ path: 'body.postback', message: 'only with version "postback"' }]);
    // the old URL was a template for an ad network, not a receiver of Hotmart notifications
    if (current.postback && body.url === undefined) throw invalid([{ path: 'body.url', message: 'required when a postback webhook changes its version' }]);
    return current.postback ? { ...patch, postback: null } : patch;
  }
  if (settings) {
    const customUrl = body.url ?? (current.postback?.preset === 'custom' ? current.url : undefined);
    const target = configured(settings, settings.preset === 'custom' ? customUrl : body.url, body.events, current.postback?.secrets);
    return { ...patch, ...target };
  }
  if (!current.postback) throw invalid([{ path: 'body.postback', message: 'required with version "postback"' }]);
  // the same URL sent back (a form that sends every field) is no change
  if (body.url !== undefined && body.url !== current.url && current.postback.preset !== 'custom') throw invalid([{ path: 'body.url', message: 'a preset builds the URL; change postback.base_url instead' }]);
  const uncovered = (body.events ?? []).filter((event) => !current.postback!.goals[event]);
  if (uncovered.length > 0) throw invalid(uncovered.map((event) => ({ path: 'body.events', message: `${event} has no goal in postback.goals` })));
  return patch;
}

/** How the settings look in answers: credentials masked like the hottok (the last 4 characters). */
export function presentConversion(config: ConversionConfig | null) {
  if (!config) return null;
  return { ...config, secrets: Object.fromEntries(Object.entries(config.secrets).map(([name, value]) => [name, `********${value.slice(-4)}`])) };
}
