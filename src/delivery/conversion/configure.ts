// Turns what a producer asks for (a preset or a custom template, goals, credentials) into what a `postback`
// webhook stores: its URL template (the webhook's `url`) and its ConversionConfig. Every mistake is named with the
// field it is in, so the API answers one clear 422 and writes nothing. Pure.
import type { ConversionConfig, ConversionGoal, ConversionPreset, JsonTemplate } from '../../domain/conversion.ts';
import { approvalEvent } from './macros.ts';
import { macrosIn, unknownMacros } from './template.ts';
import { customClickIdFrom, presets } from './presets.ts';

export type ConversionInput = {
  preset: ConversionPreset;
  base_url?: string | undefined;
  method?: 'GET' | 'POST' | undefined;
  body?: JsonTemplate | null | undefined;
  goals: Record<string, string | { goal: string; negative_value?: boolean | undefined }>;
  click_id_from?: string[] | undefined;
  pixel_id?: string | undefined;
  access_token?: string | undefined;
  app_secret?: string | undefined;
  test_event_code?: string | undefined;
};

export type FieldIssue = { path: string; message: string };
export type Configured = { url: string; events: string[]; config: ConversionConfig };
/** The credentials already stored, and the URL (template) of the postback they were given for. */
export type KeptCredentials = { secrets: Record<string, string>; url: string };

/**
 * `url` is the webhook's own (a custom template; absent for a preset), `events` its subscriptions (default: the goals'
 * events), `kept` the credentials already stored (a change that omits one keeps it, while the postback stays on the
 * origin they were given for).
 */
export function configureConversion(input: ConversionInput, url: string | undefined, events: string[] | undefined, kept?: KeptCredentials): Configured | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const at = (path: string, message: string) => issues.push({ path: `body.${path}`, message });
  const secrets = { ...kept?.secrets };
  if (input.access_token !== undefined) secrets.access_token = input.access_token;
  if (input.app_secret !== undefined) secrets.app_secret = input.app_secret;
  const target = input.preset === 'custom' ? customTarget(input, url, at) : presetTarget(input, url, secrets, at);
  const goals = Object.fromEntries(Object.entries(input.goals).map(([event, goal]): [string, ConversionGoal] =>
    [event, typeof goal === 'string' ? { goal, negative_value: false } : { goal: goal.goal, negative_value: goal.negative_value ?? false }]));
  const subscribed = events ?? Object.keys(goals);
  for (const event of subscribed) if (!goals[event]) at('postback.goals', `${event} is subscribed but has no goal: add "${event}": "<goal name>"`);
  const limit = input.preset === 'custom' ? null : presets[input.preset].maxGoals;
  const distinct = new Set(Object.values(goals).map((goal) => goal.goal));
  if (limit !== null && distinct.size > limit) at('postback.goals', `${presets[input.preset as Exclude<ConversionPreset, 'custom'>].label} tracks at most ${limit} goals per campaign this way; this maps ${distinct.size}`);
  if (input.preset === 'meta') checkMetaGoals(goals, at);
  if (input.test_event_code !== undefined && input.preset !== 'meta') at('postback.test_event_code', 'only for the meta preset (Meta\'s Test Events code)');
  if (target && kept) checkKeptOrigin(kept, target.url, input, at);
  if (!target || issues.length > 0) return { issues };
  const unknown = [...unknownMacros(target.url), ...unknownMacros(target.body ?? null)];
  if (unknown.length > 0) at(input.preset === 'custom' ? 'url' : 'postback', `unknown macros ${unknown.map((name) => `{${name}}`).join(', ')}; see the README's list`);
  if (issues.length > 0) return { issues };
  const usesClickId = [...macrosIn(target.url), ...macrosIn(target.body ?? null)].includes('click_id');
  const clickIdFrom = input.click_id_from ?? (input.preset === 'custom' ? customClickIdFrom : presets[input.preset].clickIdFrom);
  return {
    url: target.url,
    events: subscribed,
    config: {
      preset: input.preset, method: target.method, body: target.body, goals, click_id_from: clickIdFrom, click_id_required: usesClickId, secrets,
      ...(input.test_event_code !== undefined ? { test_event_code: input.test_event_code } : {}),
    },
  };
}

/**
 * Meta has no negative purchases, and dedupes events of the same event_name and event_id within 48 hours: a refund
 * sent as a negative `Purchase` is dropped inside that window and counted as a second sale after it. So under the
 * Meta preset only the approval posts `Purchase`, and nothing posts a negative value: a refund is a custom event.
 */
function checkMetaGoals(goals: Record<string, ConversionGoal>, at: Report): void {
  for (const [event, goal] of Object.entries(goals)) {
    if (goal.negative_value) at('postback.goals', `${event}: Meta has no negative values; map it to a custom event without negative_value, e.g. "${event}": "Refund"`);
    else if (event !== approvalEvent && goal.goal.toLowerCase() === 'purchase') at('postback.goals', `${event}: only ${approvalEvent} may post Purchase to Meta (it would count as another sale); map it to a custom event, e.g. "${event}": "Refund"`);
  }
}

/**
 * A stored credential goes only where it was given for: a change that sends the postback to another origin (scheme,
 * host, port) must give each stored credential again, or anyone who may edit webhooks (a developer, who never sees
 * secrets) could point the postback at their own server and receive the access token in the next request's body.
 */
function checkKeptOrigin(kept: KeptCredentials, url: string, input: ConversionInput, at: Report): void {
  const before = originOf(kept.url);
  const after = originOf(url);
  if (before !== null && before === after) return;
  for (const name of Object.keys(kept.secrets)) {
    if (input[name as 'access_token' | 'app_secret'] === undefined) at(`postback.${name}`, `required again: the postback now goes to ${after ?? 'another host'}, and a stored ${name} is sent only to the host it was given for (${before ?? 'the previous one'})`);
  }
}

// fails closed: a URL that does not parse has no origin, and matches nothing (its own errors are reported elsewhere)
function originOf(url: string): string | null {
  try { return new URL(url).origin; } catch { return null; }
}

type Target = { url: string; method: 'GET' | 'POST'; body: JsonTemplate | null };
type Report = (path: string, message: string) => void;

function customTarget(input: ConversionInput, url: string | undefined, at: Report): Target | null {
  if (input.base_url !== undefined) at('postback.base_url', 'base_url replaces a preset\'s base; a custom template is the webhook\'s url');
  if (url === undefined) { at('url', 'required: the postback URL template, e.g. https://tracker.example/postback?cid={click_id}&payout={price}'); return null; }
  if (!hostIsLiteral(url)) at('url', 'macros may not stand in the scheme or host: the host is checked when the webhook is saved');
  const method = input.method ?? 'GET';
  if (method === 'GET' && input.body != null) at('postback.body', 'a body needs "method": "POST"');
  return { url, method, body: method === 'POST' ? input.body ?? null : null };
}

function presetTarget(input: ConversionInput, url: string | undefined, secrets: Record<string, string>, at: Report): Target | null {
  const preset = presets[input.preset as Exclude<ConversionPreset, 'custom'>];
  if (url !== undefined) at('url', `the ${preset.label} preset builds the URL; to send to another host give postback.base_url`);
  if (input.method !== undefined && input.method !== preset.method) at('postback.method', `${preset.label} postbacks are ${preset.method}`);
  if (input.body !== undefined) at('postback.body', `the ${preset.label} preset has its own body; use "preset": "custom" for another`);
  const base = input.base_url ?? preset.baseUrl;
  if (base === null) { at('postback.base_url', `required for ${preset.label}: your tracking domain's postback URL, e.g. https://track.example.com/postback`); return null; }
  if (input.base_url !== undefined && /[?#]/.test(input.base_url)) at('postback.base_url', 'scheme, host and path only: the preset adds the query');
  if (preset.needs.includes('pixel_id') && !/^\d{1,30}$/.test(input.pixel_id ?? '')) at('postback.pixel_id', `required for ${preset.label}: the pixel (dataset) id, digits`);
  if (preset.needs.includes('access_token') && !secrets.access_token) at('postback.access_token', `required for ${preset.label}: a Conversions API access token`);
  const resolved = base.replace('{pixel_id}', encodeURIComponent(input.pixel_id ?? ''));
  if (!hostIsLiteral(resolved)) at('postback.base_url', 'expected an absolute http:// or https:// URL without macros in its host');
  return { url: preset.query === '' ? resolved : `${resolved}?${preset.query}`, method: preset.method, body: preset.body };
}

/** Whether the URL parses as http(s) and its scheme and host hold no macro (the SSRF guard checks that host). */
function hostIsLiteral(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !/[{}]|%7b|%7d/i.test(parsed.host);
  } catch { return false; }
}
