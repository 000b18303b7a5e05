// What the dashboard reads of a conversion postback's settings (the API's `postback`, which the Webhook type leaves
// out): its preset, and whether a Meta one has the Test Events code its tests need (the API refuses them without).
import type { Webhook } from '../api/types.ts';

/** The settings as the API shows them (credentials masked to their last 4 characters). */
export type ConversionSettings = {
  preset: string;
  goals: Record<string, { goal: string; negative_value: boolean }>;
  click_id_from: string[];
  secrets: Record<string, string>;
  test_event_code?: string;
};

/** A conversion postback's settings; null for any other configuration. */
export function conversionSettings(webhook: Webhook): ConversionSettings | null {
  return webhook.version === 'postback' ? (webhook as Webhook & { postback?: ConversionSettings | null }).postback ?? null : null;
}

/** The preset of a conversion postback ("mgid", "meta", "custom"...); null for any other configuration. */
export function conversionPreset(webhook: Webhook): string | null {
  return conversionSettings(webhook)?.preset ?? null;
}

/** A Meta postback's Test Events code; empty when it has none. */
export function testEventCodeOf(webhook: Webhook): string {
  return conversionSettings(webhook)?.test_event_code ?? '';
}

/** A Meta postback without a Test Events code: a test would count as a real purchase, so the API refuses it. */
export function lacksTestEventCode(webhook: Webhook): boolean {
  return conversionPreset(webhook) === 'meta' && testEventCodeOf(webhook) === '';
}
