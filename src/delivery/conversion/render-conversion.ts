// Renders one conversion postback: the webhook's URL template and, for POST, its JSON body template, filled from the
// event. Pure, like every renderer: the same event and configuration give the same request on every attempt.
import { conversionSkipReason, eventTooOld, noTestEventCode } from '../../domain/conversion.ts';
import type { ConversionConfig, noClickId } from '../../domain/conversion.ts';
import { originOfEventData } from '../../domain/tracking-origin.ts';
import type { StoredEvent } from '../../store/store.ts';
import { macroValues } from './macros.ts';
import { renderJson, renderUrl } from './template.ts';
import { maskSecrets } from '../mask-secrets.ts';
import { presets } from './presets.ts';
import type { RefusalReader } from './presets.ts';

export type ConversionRequest = { method: 'GET' | 'POST'; url: string; contentType: string | null; body: string };

export function renderConversion(event: StoredEvent, urlTemplate: string, config: ConversionConfig): ConversionRequest {
  const values = macroValues(event, config);
  const url = renderUrl(urlTemplate, values);
  if (config.method === 'GET' || config.body === null) return { method: config.method, url, contentType: null, body: '' };
  return { method: 'POST', url, contentType: 'application/json', body: renderJson(config.body, values) };
}

/**
 * Whether a test under `config` would reach its network as a real conversion: the network counts everything unless
 * the request carries its test code (Meta's Test Events code), and none is configured.
 */
export function testCodeMissing(config: Pick<ConversionConfig, 'preset' | 'test_event_code'>): boolean {
  return config.preset !== 'custom' && presets[config.preset].testsNeedCode && !config.test_event_code;
}

/** Why a conversion is not sent, as its attempt records it (see skipReasonOf). */
export type ConversionSkip = typeof noTestEventCode | typeof eventTooOld | typeof noClickId;

/** The oldest event `config`'s network accepts, and its name; null: any age. */
export function eventAgeLimit(config: Pick<ConversionConfig, 'preset'>): { network: string; maxAgeMs: number } | null {
  if (config.preset === 'custom') return null;
  const { label, maxEventAgeMs } = presets[config.preset];
  return maxEventAgeMs === undefined ? null : { network: label, maxAgeMs: maxEventAgeMs };
}

/** How `config`'s network says in its answer that no retry can succeed (its preset's refusalIn), or null: it does not. */
export function refusalReader(config: Pick<ConversionConfig, 'preset'>): RefusalReader | null {
  return config.preset === 'custom' ? null : presets[config.preset].refusalIn ?? null;
}

/**
 * Why `event` is not sent under `config` at `now` (fan-out's rule, conversionSkipReason), or null. Asked again whenever
 * it is about to be sent or resent: a postback is rendered under its webhook's settings of that moment, and an owner may
 * have changed goals or click_id_from since fan-out, so a retry or a resend could otherwise post an empty click id. A
 * test whose Test Events code was removed since it was sent fails closed the same way: it would post a real conversion.
 * So does an event older than its network accepts (its event_time is the event's creation date, macros.ts): the
 * network would refuse it, whatever the attempt.
 */
export function skipReasonOf(event: StoredEvent, config: ConversionConfig, now: number): ConversionSkip | null {
  if (event.isTest && testCodeMissing(config)) return noTestEventCode;
  const limit = eventAgeLimit(config);
  if (limit !== null && now - event.creationDate > limit.maxAgeMs) return eventTooOld;
  return conversionSkipReason(config, originOfEventData(JSON.parse(event.data)));
}

/** The history shows a network's credentials as it shows the hottok: only their last 4 characters. */
export function maskConversionSecrets(text: string, config: ConversionConfig): string {
  return maskSecrets(text, Object.values(config.secrets));
}
