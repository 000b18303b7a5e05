// Renders one conversion postback: the webhook's URL template and, for POST, its JSON body template, filled from the
// event. Pure, like every renderer: the same event and configuration give the same request on every attempt.
import type { ConversionConfig } from '../../domain/conversion.ts';
import type { StoredEvent } from '../../store/store.ts';
import { macroValues } from './macros.ts';
import { renderJson, renderUrl } from './template.ts';

export type ConversionRequest = { method: 'GET' | 'POST'; url: string; contentType: string | null; body: string };

export function renderConversion(event: StoredEvent, urlTemplate: string, config: ConversionConfig): ConversionRequest {
  const values = macroValues(event, config);
  const url = renderUrl(urlTemplate, values);
  if (config.method === 'GET' || config.body === null) return { method: config.method, url, contentType: null, body: '' };
  return { method: 'POST', url, contentType: 'application/json', body: renderJson(config.body, values) };
}

/** The history shows a network's credentials as it shows the hottok: only their last 4 characters. */
export function maskConversionSecrets(text: string, config: ConversionConfig): string {
  let masked = text;
  for (const secret of Object.values(config.secrets)) {
    if (secret.length < 8) continue;
    // as it may stand in the request: itself, in a URL, inside a JSON string (a quote or backslash escaped)
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) masked = masked.replaceAll(form, `********${secret.slice(-4)}`);
  }
  return masked;
}
