// The knobs of `postback members`, the members-area receiver: each with its environment variable, default and what it
// bounds. Mail goes through the platform's mailer and its knobs (SMTP_URL, POSTBACK_MAIL_FROM in src/config.ts).
// src/config.test.ts keeps the README's configuration table in step with these too.
import { resolve } from 'node:path';
import { ConfigurationError, integer, parseDuration, readKnobs, readTrustedProxies } from '../config.ts';
import type { Knob } from '../config.ts';

const text = (raw: string): string => raw;
const duration = (raw: string): number => parseDuration(raw);
const list = (raw: string): string[] => raw.split(',').map((item) => item.trim()).filter(Boolean);
const publicUrl = (raw: string): string => {
  // fails closed: mail links built on a malformed base would send students nowhere
  if (!/^https?:\/\/[^/]+/.test(raw)) throw new Error(`expected the area's address as students reach it, e.g. https://curso.example.com, got "${raw}"`);
  return raw.replace(/\/+$/, '');
};
const signingSecret = (raw: string): string => {
  if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(raw)) throw new Error('expected the webhook\'s whsec_ signing secret, as Postback showed it when the webhook was created');
  return raw;
};
const retrySchedule = (raw: string): number[] => {
  const delays = list(raw).map((item) => parseDuration(item));
  if (delays.length === 0 || delays.some((delay) => delay <= 0)) throw new Error(`expected comma-separated durations above zero, e.g. 1m,5m,30m,2h,6h, got "${raw}"`);
  return delays;
};

export const membersKnobs = {
  port: { env: 'POSTBACK_MEMBERS_PORT', default: 8090, parse: integer(0, 65535), description: 'HTTP(S) port of the members area (0 picks a free port); also --port.' },
  host: { env: 'POSTBACK_MEMBERS_HOST', default: '127.0.0.1', parse: text, description: 'Address the members area listens on; 0.0.0.0 for other machines; also --host.' },
  dataDir: { env: 'POSTBACK_MEMBERS_DATA_DIR', default: './members-data', parse: text, description: 'Folder of the members area\'s own SQLite file (members.db), made 0700 with its files 0600; also --data-dir.' },
  publicUrl: { env: 'POSTBACK_MEMBERS_PUBLIC_URL', default: '', parse: publicUrl, description: 'The area\'s address as students reach it, for the links in e-mails (e.g. https://curso.example.com); empty: its own listening address.' },
  hottok: { env: 'POSTBACK_MEMBERS_HOTTOK', default: '', parse: text, description: 'Required. The Postback account\'s hottok: notifications without it are answered 401 and stored nowhere.' },
  signingSecret: { env: 'POSTBACK_MEMBERS_SIGNING_SECRET', default: '', parse: signingSecret, description: 'The webhook\'s whsec_ secret: set, every notification must also carry a valid webhook-signature (Standard Webhooks); empty: the hottok alone.' },
  signatureToleranceMs: { env: 'POSTBACK_MEMBERS_SIGNATURE_TOLERANCE', default: 300_000, parse: duration, description: 'How far webhook-timestamp may be from this machine\'s clock (replays older than this are refused).' },
  products: { env: 'POSTBACK_MEMBERS_PRODUCTS', default: [] as string[], parse: list, description: 'Required. Comma-separated product ids this area opens; other products\' events (test posts of the catalogue\'s sample, too) are stored and answered, and change nothing.' },
  delayGraceMs: { env: 'POSTBACK_MEMBERS_DELAY_GRACE', default: 7 * 86_400_000, parse: duration, description: 'After PURCHASE_DELAYED (an overdue subscription charge), how long access stays open waiting for the payment.' },
  adminPassword: { env: 'POSTBACK_MEMBERS_ADMIN_PASSWORD', default: '', parse: text, description: 'Password of the admin page (/admin: students, their access and the events that decided it, the mail outbox); empty: no admin page.' },
  apiToken: { env: 'POSTBACK_MEMBERS_API_TOKEN', default: '', parse: text, description: 'Bearer token of the JSON API (/api/access, /api/decisions) that a custom area polls; empty: no API.' },
  courseDir: { env: 'POSTBACK_MEMBERS_COURSE_DIR', default: '', parse: text, description: 'Folder with each course\'s content as <product id>.html, shown only to students with live access; empty: a placeholder page.' },
  sessionTtlMs: { env: 'POSTBACK_MEMBERS_SESSION_TTL', default: 12 * 3_600_000, parse: duration, description: 'How long a student\'s or the admin\'s sign-in lasts.' },
  loginAttempts: { env: 'POSTBACK_MEMBERS_LOGIN_ATTEMPTS', default: 5, parse: integer(1, 1000), description: 'Failed sign-ins (and password-reset requests) allowed per e-mail and IP address in 15 minutes; then refused until the window passes.' },
  resetTtlMs: { env: 'POSTBACK_MEMBERS_RESET_TTL', default: 3_600_000, parse: duration, description: 'How long a "forgot password" link works (once).' },
  mailRetry: { env: 'POSTBACK_MEMBERS_MAIL_RETRY', default: [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000], parse: retrySchedule, description: 'Waits between tries of an e-mail that failed; the last one repeats, so a mail is never dropped (it stays on the admin page until sent).' },
  tlsCert: { env: 'POSTBACK_MEMBERS_TLS_CERT', default: '', parse: text, description: 'PEM certificate file: with POSTBACK_MEMBERS_TLS_KEY the area serves https itself; empty: plain http (behind a TLS proxy).' },
  tlsKey: { env: 'POSTBACK_MEMBERS_TLS_KEY', default: '', parse: text, description: 'PEM private key file of POSTBACK_MEMBERS_TLS_CERT.' },
} as const satisfies Record<string, Knob<unknown>>;

type Knobs = typeof membersKnobs;
export type MembersConfig = { -readonly [K in keyof Knobs]: ReturnType<Knobs[K]['parse']> } & {
  /** The platform's POSTBACK_TRUSTED_PROXIES (src/config.ts): the proxies in front of the area, for its sign-in throttles and Secure cookies. */
  trustedProxies: string[];
};

/** Reads every knob; a malformed value, or a required one missing, names its variable and stops start-up. */
export function loadMembersConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<MembersConfig> = {}): MembersConfig {
  const result: MembersConfig = { ...readKnobs(membersKnobs, env), trustedProxies: readTrustedProxies(env), ...overrides };
  result.dataDir = resolve(result.dataDir);
  // fails closed: without a hottok every notification would be refused, without products none would open a course
  if (result.hottok === '') throw new ConfigurationError('POSTBACK_MEMBERS_HOTTOK is required: the hottok of your Postback account (dashboard, Documentation tab; or GET /api/v1/account)');
  if (result.products.length === 0) throw new ConfigurationError('POSTBACK_MEMBERS_PRODUCTS is required: the product ids this area opens, comma-separated (e.g. 3718245)');
  if ((result.tlsCert === '') !== (result.tlsKey === '')) throw new ConfigurationError('POSTBACK_MEMBERS_TLS_CERT and POSTBACK_MEMBERS_TLS_KEY go together: set both to serve https, or neither');
  return result;
}
