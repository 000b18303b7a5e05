// What the dashboard reads of a conversion postback's settings (the API's `postback`, which the Webhook type leaves
// out): its preset, and whether a Meta one has the Test Events code its tests need (the API refuses them without).
import type { Webhook } from '../api/types.ts';

type WithSettings = Webhook & { postback?: { preset?: string; test_event_code?: string } | null };

/** The preset of a conversion postback ("mgid", "meta", "custom"...); null for any other configuration. */
export function conversionPreset(webhook: Webhook): string | null {
  return webhook.version === 'postback' ? (webhook as WithSettings).postback?.preset ?? null : null;
}

/** A Meta postback without a Test Events code: a test would count as a real purchase, so the API refuses it. */
export function lacksTestEventCode(webhook: Webhook): boolean {
  return conversionPreset(webhook) === 'meta' && !(webhook as WithSettings).postback?.test_event_code;
}
