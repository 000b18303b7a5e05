// One typed configuration: every knob, its environment variable, its default and what it bounds.
// The README's configuration table is checked against this list by src/config.test.ts.
import { resolve } from 'node:path';
import { largestEventBytes } from './catalog/check-files.ts';
import { parseAllowNetworks, parseNetworkList } from './security/ssrf-guard.ts';

/**
 * A setting that cannot work as given (a malformed value, a missing key, a folder that cannot be written): the message
 * says what is wrong and what to do, and the command line shows it as one line, without a stack.
 */
export class ConfigurationError extends Error {}

export type Knob<T> = {
  env: string;
  default: T;
  description: string;
  parse: (raw: string) => T;
};

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => (raw: string): number => {
  const value = Number(raw);
  // fails closed: a typo in a knob must stop start-up, never run with a silent default
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`expected an integer from ${min} to ${max}, got "${raw}"`);
  return value;
};

const durationList = (raw: string): number[] => {
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const delays = parts.map((part) => parseDuration(part));
  if (delays.length === 0 || delays.length > 20) throw new Error(`expected 1 to 20 comma-separated durations, got "${raw}"`);
  return delays;
};

/** "30s", "5m", "2h", "1500ms", "0" → milliseconds. */
export function parseDuration(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match) throw new Error(`expected a duration like 30s, 5m, 2h or 1500ms, got "${raw}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

const duration = (raw: string): number => parseDuration(raw);
const durationAtLeast = (min: number, why: string) => (raw: string): number => {
  const value = parseDuration(raw);
  if (value < min) throw new Error(`expected at least ${min} ms (${why}), got "${raw}"`);
  return value;
};
// no drain, or one a load balancer can see: it polls /readyz every few seconds, so a drain under a second does nothing
// but hides a forgotten unit ("5" is 5 ms). Fails closed, like every knob
const drainDuration = (raw: string): number => {
  const value = parseDuration(raw);
  if (value > 0 && value < 1000) throw new Error(`expected 0 (no drain) or at least 1s, as long as your load balancer takes to see /readyz fail, got "${raw}" (${value} ms; write 5s for five seconds)`);
  return value;
};
const text = (raw: string): string => raw;
const oneOf = <T extends string>(values: readonly T[]) => (raw: string): T => {
  if (!(values as readonly string[]).includes(raw)) throw new Error(`expected ${values.slice(0, -1).join(', ')} or ${values.at(-1)}, got "${raw}"`);
  return raw as T;
};
const roles = ['all', 'api', 'worker'] as const;
export type Role = typeof roles[number];
// pino's levels: a name it does not know would stop start-up with pino's own message, which names no variable
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = typeof logLevels[number];
// fails closed: anything but a postgres:// URL stops start-up rather than silently falling back to SQLite
const databaseUrl = (raw: string): string => {
  if (!/^postgres(ql)?:\/\/./.test(raw)) throw new Error('expected a postgres://user:password@host:port/database URL (or nothing, for SQLite)');
  return raw;
};

// a heap under 64 MB cannot hold the server itself: it would crash at start-up, so it is refused here instead
const heapLimit = (raw: string): 'auto' | number => {
  if (raw === 'auto' || raw === '0') return raw === 'auto' ? 'auto' : 0;
  try { return integer(64, 1_048_576)(raw); } catch { throw new Error(`expected auto, 0 (Node's default) or a size in MB from 64 to 1048576, got "${raw}"`); }
};

export const knobs = {
  port: { env: 'PORT', default: 8080, parse: integer(0, 65535), description: 'HTTP port of the API and dashboard (0 picks a free port).' },
  host: { env: 'HOST', default: '127.0.0.1', parse: text, description: 'Address to listen on; 0.0.0.0 to accept connections from other machines.' },
  dataDir: { env: 'POSTBACK_DATA_DIR', default: './data', parse: text, description: 'Folder of the embedded SQLite database (postback.db), made 0700 with its files 0600; a wider existing one is warned about at start-up.' },
  databaseUrl: { env: 'DATABASE_URL', default: '', parse: databaseUrl, description: 'postgres://user:password@host:port/database to use PostgreSQL (shared by any number of api and worker processes); empty: the embedded SQLite database.' },
  databasePool: { env: 'POSTBACK_DATABASE_POOL', default: 10, parse: integer(1, 1000), description: 'PostgreSQL connections each process keeps open at most (plus one for LISTEN when it runs a dispatcher).' },
  role: { env: 'POSTBACK_ROLE', default: 'all' as Role, parse: oneOf(roles), description: 'What this process runs: the API, the dispatcher, or both.' },
  logLevel: { env: 'LOG_LEVEL', default: 'info' as LogLevel, parse: oneOf(logLevels), description: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  maxEventBytes: { env: 'POSTBACK_MAX_EVENT_BYTES', default: 256 * 1024, parse: integer(1024, largestEventBytes), description: 'Largest accepted request body; larger answers 413.' },
  tokenTtlMs: { env: 'POSTBACK_TOKEN_TTL', default: 3_600_000, parse: durationAtLeast(60_000, 'a shorter token expires before its client can use it'), description: 'Lifetime of an OAuth access token.' },
  tokenCacheTtlMs: { env: 'POSTBACK_TOKEN_CACHE_TTL', default: 10_000, parse: duration, description: 'How long a process trusts its cached answer to "whose access token is this" (0 turns the cache off): a token revoked by another process keeps working here for at most this long; on the revoking process it stops at once.' },
  retrySchedule: { env: 'POSTBACK_RETRY_SCHEDULE', default: [0, 30_000, 300_000, 1_800_000, 7_200_000], parse: durationList, description: 'Delay before each attempt; its length is the number of attempts (Hotmart: 5).' },
  retryJitter: { env: 'POSTBACK_RETRY_JITTER', default: 0.2, parse: (raw: string) => { const v = Number(raw); if (!(v >= 0 && v < 1)) throw new Error(`expected a fraction from 0 to 0.99, got "${raw}"`); return v; }, description: 'Random spread applied to each retry delay (0.2 = ±20 %).' },
  retryAfterMaxMs: { env: 'POSTBACK_RETRY_AFTER_MAX', default: 3_600_000, parse: duration, description: 'Upper bound on a receiver\'s Retry-After (429/503) that the next attempt honours.' },
  attemptDeadlineMs: { env: 'POSTBACK_ATTEMPT_DEADLINE', default: 15_000, parse: durationAtLeast(1000, 'a shorter deadline fails attempts before a receiver can answer'), description: 'Total time one attempt may take: connect, headers and body.' },
  maxKeptResponseBytes: { env: 'POSTBACK_RESPONSE_KEPT_BYTES', default: 16 * 1024, parse: integer(0, 1024 * 1024), description: 'Bytes of each response body kept in the history.' },
  maxResponseBytes: { env: 'POSTBACK_RESPONSE_MAX_BYTES', default: 1024 * 1024, parse: integer(1024), description: 'A response body larger than this fails the attempt as too_large.' },
  heapLimitMb: { env: 'POSTBACK_HEAP_LIMIT_MB', default: 'auto' as 'auto' | number, parse: heapLimit, description: 'Largest V8 old-generation heap of a serve process, in MB. auto: 192 for --role worker (its live memory is bounded by POSTBACK_CONCURRENCY), Node\'s default otherwise; 0: Node\'s default. Ignored when NODE_OPTIONS or node flags already set --max-old-space-size.' },
  concurrency: { env: 'POSTBACK_CONCURRENCY', default: 64, parse: integer(1, 10_000), description: 'Attempts one dispatcher runs at once.' },
  pollIntervalMs: { env: 'POSTBACK_POLL_INTERVAL', default: 1000, parse: durationAtLeast(50, 'a shorter interval makes an idle dispatcher claim in a busy loop'), description: 'Longest an idle dispatcher waits before looking for due work without a wake-up.' },
  webhookConcurrency: { env: 'POSTBACK_WEBHOOK_CONCURRENCY', default: 8, parse: integer(1, 10_000), description: 'Attempts in flight at once to any one webhook, across all workers: a slow or dead receiver holds at most this many slots.' },
  accountShare: { env: 'POSTBACK_ACCOUNT_SHARE', default: 0.875, parse: (raw: string) => { const v = Number(raw); if (!(v > 0 && v <= 1)) throw new Error(`expected a fraction above 0 and at most 1, got "${raw}"`); return v; }, description: 'Fairness between accounts: the largest share of a dispatcher\'s slots one account may hold, of those the other accounts do not hold (0.875: seven eighths; a second account gets seven eighths of the rest, and so on), so one tenant\'s slow receivers never take every slot. 1 turns it off.' },
  circuitBreakerTimeouts: { env: 'POSTBACK_CIRCUIT_BREAKER_TIMEOUTS', default: 5, parse: integer(0, 10_000), description: 'Circuit breaker: after this many timeouts in a row, a webhook gets one attempt at a time (a probe) until one succeeds. 0 turns it off.' },
  leaseMs: { env: 'POSTBACK_LEASE', default: 45_000, parse: duration, description: 'How long a claim is held; must exceed the attempt deadline. Expired leases are reclaimed.' },
  retentionMs: { env: 'POSTBACK_RETENTION', default: 60 * 86_400_000, parse: durationAtLeast(3_600_000, 'a shorter retention would purge history as soon as it settles'), description: 'How long delivery history (settled deliveries, their attempts, their events) is kept; older rows are purged in batches by the workers.' },
  retentionIntervalMs: { env: 'POSTBACK_RETENTION_INTERVAL', default: 3_600_000, parse: durationAtLeast(1000, 'a zero interval would purge in a busy loop'), description: 'How often each worker process runs the retention purge.' },
  shutdownDrainMs: { env: 'POSTBACK_SHUTDOWN_DRAIN', default: 5000, parse: drainDuration, description: 'On SIGTERM (not SIGINT, a Ctrl-C at a terminal), how long a process with an API port (roles all and api) keeps serving while /readyz answers 503, so that a load balancer stops sending it traffic before the port closes; then the grace begins. 0: the port closes at once. A second signal during the drain exits at once.' },
  shutdownGraceMs: { env: 'POSTBACK_SHUTDOWN_GRACE', default: 10_000, parse: duration, description: 'On SIGTERM (or SIGINT), once the drain is over, how long in-flight attempts may finish before they are aborted and their leases released; the process is gone within the drain plus the grace plus 3 s, and a second signal exits at once.' },
  secretKey: { env: 'POSTBACK_SECRET_KEY', default: '', parse: text, description: 'Key (32 bytes, base64 or hex) that encrypts signing secrets and hottoks at rest; unset: a key file in the data directory.' },
  secretOverlapMs: { env: 'POSTBACK_SECRET_OVERLAP', default: 86_400_000, parse: duration, description: 'After a signing-secret rotation, how long the old secret keeps signing beside the new one.' },
  rateLimitPerMinute: { env: 'POSTBACK_RATE_LIMIT', default: 500, parse: integer(0), description: 'Requests per minute per API client (Hotmart: 500): only authenticated calls count against a client; token requests, sign-ins and calls with a bad token count against their address. 0 turns the limit off.' },
  disableAfterFailures: { env: 'POSTBACK_DISABLE_AFTER_FAILURES', default: 50, parse: integer(1), description: 'Auto-disable: failed attempts in a row, with no success, before a webhook is disabled...' },
  disableAfterMs: { env: 'POSTBACK_DISABLE_AFTER', default: 3 * 86_400_000, parse: duration, description: '...and for at least this long since the first failure of the streak.' },
  sessionTtlMs: { env: 'POSTBACK_SESSION_TTL', default: 12 * 3_600_000, parse: durationAtLeast(300_000, 'a shorter session signs users out while they work'), description: 'Lifetime of a dashboard sign-in session (its cookie expires with it); sign in again after it.' },
  authFailuresPerAddress: { env: 'POSTBACK_AUTH_FAILURES', default: 20, parse: integer(1, 100_000), description: 'Failed authentications (token requests, sign-ins) allowed per client address (IPv6: per /64) in a minute; past it, that address\'s token requests and sign-ins answer 429 before any secret is checked, until the minute ends. The client or email they name is never charged.' },
  authFailuresGlobal: { env: 'POSTBACK_AUTH_FAILURES_GLOBAL', default: 300, parse: integer(1, 1_000_000), description: 'Failed authentications allowed from all addresses together in a minute (bounds the password-hashing work of a distributed attack); past it, every token request and sign-in answers 429 until the minute ends, while valid access tokens and sessions keep working.' },
  requestTimeoutMs: { env: 'POSTBACK_REQUEST_TIMEOUT', default: 30_000, parse: durationAtLeast(1000, 'a shorter timeout would cut off ordinary clients on slow links'), description: 'Time a client has to send one whole request, headers and body; a slower one gets 408 and is disconnected (headers alone: at most 10 s).' },
  connectionsPerAddress: { env: 'POSTBACK_CONNECTIONS_PER_ADDRESS', default: 256, parse: integer(0), description: 'Open connections allowed per client address (IPv6: per /64); one more gets 429 and is closed. 0: no cap (behind a reverse proxy every client shares its address: cap at the proxy instead).' },
  loginAttempts: { env: 'POSTBACK_LOGIN_ATTEMPTS', default: 10, parse: integer(1, 1000), description: 'Failed dashboard sign-ins allowed per email and IP address in 15 minutes; then 429 until the window passes.' },
  checkoutDemo: { env: 'POSTBACK_CHECKOUT_DEMO', default: false, parse: (raw: string) => { if (raw !== 'true' && raw !== 'false') throw new Error(`expected true or false, got "${raw}"`); return raw === 'true'; }, description: 'true: the hosted checkout\'s order pages get buttons that pay, complete and refund an order without a payment provider (demos, browser tests). Never in production: anyone with an order\'s link could mark it paid.' },
  trustedProxies: { env: 'POSTBACK_TRUSTED_PROXIES', default: [] as string[], parse: parseNetworkList, description: 'Comma-separated addresses or CIDRs of the reverse proxies in front of Postback (e.g. 127.0.0.1,10.0.0.0/8); only their X-Forwarded-For and X-Forwarded-Proto are believed. The client\'s address (per-address limits, sign-in and reset throttles, the hosted checkout\'s buyer IP) is the last address of the chain that is not one of them, and their X-Forwarded-Proto: https makes the session cookie Secure. Empty: trust nothing, the connecting address is the client. Old name, still read: POSTBACK_CHECKOUT_TRUSTED_PROXIES.' },
  webDir: { env: 'POSTBACK_WEB_DIR', default: '', parse: text, description: 'Folder of the built dashboard; empty: dist/web of this install (built by npm ci, or npm run build:web).' },
  smtpUrl: { env: 'SMTP_URL', default: '', parse: (raw: string) => { if (!/^smtps?:\/\/./.test(raw)) throw new Error('expected smtp://user:password@host:587 or smtps://user:password@host:465'); return raw; }, description: 'Where e-mail goes (nodemailer): smtp://user:password@host:587, or smtps:// for TLS from the start. Empty: e-mail is off, and notices show only on the dashboard.' },
  mailFrom: { env: 'POSTBACK_MAIL_FROM', default: 'Postback <postback@localhost>', parse: text, description: 'The From of every e-mail Postback sends, e.g. "Minha Escola <no-reply@minhaescola.com.br>".' },
  notifyAfterFailures: { env: 'POSTBACK_NOTIFY_AFTER_FAILURES', default: 5, parse: integer(1, 1000), description: 'A webhook "starts failing" at this many failed attempts in a row: its owner and the account\'s users are told (at most once a day per webhook), and told again when it recovers.' },
  publicUrl: { env: 'POSTBACK_PUBLIC_URL', default: '', parse: (raw: string) => { if (!/^https?:\/\/[^/]+/.test(raw)) throw new Error('expected the dashboard\'s address as users reach it, e.g. https://postback.example.com'); return raw.replace(/\/+$/, ''); }, description: 'The dashboard\'s address as users reach it, for the links in e-mails (recover a webhook, reset a password); empty: http://HOST:PORT.' },
  metricsPort: { env: 'POSTBACK_METRICS_PORT', default: null as number | null, parse: integer(0, 65535), description: 'Port of a second listener, for operators only, serving /metrics, /healthz and /readyz (for every role, workers included); empty: none.' },
  metricsToken: { env: 'POSTBACK_METRICS_TOKEN', default: '', parse: (raw: string) => { if (raw.length < 16) throw new Error('expected at least 16 characters (e.g. openssl rand -hex 24)'); return raw; }, description: 'Bearer token for GET /metrics; set, /metrics is also served on the API port to callers that send it. Empty: /metrics only on POSTBACK_METRICS_PORT, open there.' },
  allowNetworks: { env: 'POSTBACK_ALLOW_NETWORKS', default: [] as string[], parse: parseAllowNetworks, description: 'SSRF guard allowlist: comma-separated CIDRs and host names Postback may send to although they are not public (e.g. 127.0.0.1/32,::1/128,receiver.internal). Empty: public addresses only.' },
} as const satisfies Record<string, Knob<unknown>>;

type Knobs = typeof knobs;
export type Config = { -readonly [K in keyof Knobs]: ReturnType<Knobs[K]['parse']> };

/** Each knob's value from the environment, or its default when unset or empty; a malformed value names its variable. */
export function readKnobs<K extends Record<string, Knob<unknown>>>(of: K, env: NodeJS.ProcessEnv): { -readonly [N in keyof K]: ReturnType<K[N]['parse']> } {
  const values: Record<string, unknown> = {};
  for (const [key, knob] of Object.entries(of)) {
    const raw = env[knob.env];
    try {
      values[key] = raw === undefined || raw === '' ? knob.default : knob.parse(raw);
    } catch (error) {
      throw new ConfigurationError(`${knob.env}: ${(error as Error).message}`);
    }
  }
  return values as { -readonly [N in keyof K]: ReturnType<K[N]['parse']> };
}

/** POSTBACK_TRUSTED_PROXIES's name from when only the hosted checkout read it: still read, so an upgrade changes nothing. */
export const deprecatedTrustedProxiesEnv = 'POSTBACK_CHECKOUT_TRUSTED_PROXIES';

/**
 * POSTBACK_TRUSTED_PROXIES, or its old name when only that is set; read by `postback serve` and `postback members`
 * alike. Both set and naming other proxies stops start-up: which one was meant cannot be guessed, and a wrong guess
 * either trusts a stranger's X-Forwarded-For or counts every client as the proxy.
 */
export function readTrustedProxies(env: NodeJS.ProcessEnv): string[] {
  const { current, old } = readKnobs({ current: knobs.trustedProxies, old: { ...knobs.trustedProxies, env: deprecatedTrustedProxiesEnv } }, env);
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  if (!given(deprecatedTrustedProxiesEnv)) return current;
  if (!given(knobs.trustedProxies.env)) return old;
  const same = [...old].sort().join(',') === [...current].sort().join(',');
  if (!same) {
    throw new ConfigurationError(`${knobs.trustedProxies.env} ("${env[knobs.trustedProxies.env]}") and its old name ${deprecatedTrustedProxiesEnv} ("${env[deprecatedTrustedProxiesEnv]}") name different proxies: keep ${knobs.trustedProxies.env} alone`);
  }
  return current;
}

/** Reads every knob from the environment; a malformed value names its variable and stops start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const fromEnv = readKnobs(knobs, env);
  fromEnv.trustedProxies = readTrustedProxies(env);
  const result: Config = { ...fromEnv, ...overrides };
  result.dataDir = resolve(result.dataDir);
  if (result.leaseMs <= result.attemptDeadlineMs) throw new ConfigurationError(`POSTBACK_LEASE (${result.leaseMs} ms) must exceed POSTBACK_ATTEMPT_DEADLINE (${result.attemptDeadlineMs} ms), or a slow attempt would be claimed twice`);
  // the two listeners of one process would collide, and the failure would read as another process holding the port
  if (result.role !== 'worker' && result.metricsPort !== null && result.metricsPort !== 0 && result.metricsPort === result.port) {
    throw new ConfigurationError(`POSTBACK_METRICS_PORT (${result.metricsPort}) must differ from PORT: the operators' listener is a second one beside the API's`);
  }
  return result;
}
