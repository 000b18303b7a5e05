// Conversion postbacks: a webhook whose format version is `postback` sends each event to an ad network or tracker
// as a request rendered from a template (src/delivery/conversion/). This is its stored configuration (the webhooks
// table's `postback` column, JSON) and the one rule fan-out applies to it. Pure.
import { clickIdOf } from './tracking-origin.ts';
import type { TrackingOrigin } from './tracking-origin.ts';

/** The format version of conversion postbacks, beside Hotmart's 2.0.0 and 1.0.0. */
export const conversionVersion = 'postback';

export const conversionPresets = ['mgid', 'taboola', 'outbrain', 'voluum', 'redtrack', 'meta', 'custom'] as const;
export type ConversionPreset = (typeof conversionPresets)[number];

/** What one event posts: the network's goal (event) name, and whether its value is reported negative (a refund). */
export type ConversionGoal = { goal: string; negative_value: boolean };

/** A JSON body template: string leaves may hold {macros}. */
export type JsonTemplate = string | number | boolean | null | JsonTemplate[] | { [key: string]: JsonTemplate };

export type ConversionConfig = {
  preset: ConversionPreset;
  /** GET (the default: query-string postbacks) or POST (a JSON body, e.g. Meta's Conversions API). */
  method: 'GET' | 'POST';
  /** The POST body's template; null for GET. The URL template is the webhook's `url`. */
  body: JsonTemplate | null;
  /** Per event name: what it posts. A webhook's events are the keys, so one configuration posts several goals. */
  goals: Record<string, ConversionGoal>;
  /** Origin parameters whose first non-empty value is {click_id}, in order. */
  click_id_from: string[];
  /** Whether the templates use {click_id}: then an event without one is skipped, not sent. */
  click_id_required: boolean;
  /** The network's credentials (Meta: access_token, app_secret): sealed at rest, masked in answers and history. */
  secrets: Record<string, string>;
  /** Meta's Test Events code: sent on test sends only ({test_event_code}); absent: Meta tests are refused. */
  test_event_code?: string;
};

/** The reason a delivery is recorded as skipped when the sale has no click id to report. */
export const noClickId = 'no_click_id';

/**
 * The reason a delivery is recorded as skipped when its webhook has already reported this event of this sale: a
 * declined refund claim (approved -> refund_claimed -> approved), or a marketplace publishing one approval twice under
 * two ids. A postback carries no order id (MGID's has the click id, goal and revenue only), so the network would count
 * a second purchase and twice the revenue; a Hotmart-format receiver dedupes on the transaction itself.
 */
export const alreadyReported = 'already_reported';

/** Why a test is not sent: its network would count it as a real conversion (delivery/conversion/render-conversion.ts, testCodeMissing). */
export const noTestEventCode = 'no_test_event_code';

/**
 * Why a conversion is not sent: its network refuses events this old (Meta: an event_time more than 7 days ago; a
 * recovery or a resend a week after the sale), and would refuse the whole request. Never recovered: it only gets older.
 */
export const eventTooOld = 'event_too_old';

/**
 * A conversion's last error when its ad network answered with an error that no retry can change (Meta's Graph API: a
 * bad or expired access token, an invalid parameter; src/delivery/conversion/graph-api-refusal.ts): it fails at once,
 * the network's own words as its detail.
 */
export const networkRefused = 'network_refused';

/** Why fan-out records this event as skipped for this configuration, or null when it is sent. */
export function conversionSkipReason(config: Pick<ConversionConfig, 'click_id_required' | 'click_id_from'>, origin: TrackingOrigin): typeof noClickId | null {
  // fails closed: a postback without its click id is attributed to nobody, and some networks count it against the campaign
  return config.click_id_required && clickIdOf(origin, config.click_id_from) === '' ? noClickId : null;
}
