// Self time of a CPU profile by component: which library or layer the sampled function belongs to, from its
// source URL (native calls into node:sqlite are charged to the store function that made them, so the store's
// SQLite code stands for the statements and commits it runs). The first matching rule wins; the order matters.

type Frame = { functionName: string; url: string };

const rules: [group: string, matches: (frame: Frame) => boolean][] = [
  ['SQLite (statements and commits, our store code calling node:sqlite)', (f) => f.url.includes('/src/store/sqlite/')],
  ['PostgreSQL client (pg)', (f) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(f.url) || f.url.includes('/src/store/postgres/')],
  ['undici (outbound HTTP, llhttp)', (f) => f.url.includes('node_modules/undici/') || f.url.startsWith('wasm://')],
  ['JSON parsing and zod validation', (f) => /node_modules\/(zod|secure-json-parse|fast-json-stringify)\//.test(f.url) || /\/src\/api\/(openapi\/|json-body)/.test(f.url)
    || (f.url === '' && ['parse', 'stringify'].includes(f.functionName))],
  ['fastify (routing, hooks, replies) and node:http', (f) => /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request)\//.test(f.url) || f.url.startsWith('node:_http')],
  ['crypto (hashes, signatures, random ids)', (f) => f.url.startsWith('node:internal/crypto') || f.url.includes('node_modules/uuidv7/') || f.url.includes('/src/security/')],
  ['sockets, streams and buffers (Node I/O)', (f) => (f.url === '' && ['writev', 'writeUtf8String', 'writeBuffer', 'onStreamRead'].includes(f.functionName))
    || /^node:(net|buffer|internal\/stream|internal\/streams)/.test(f.url)],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['metrics and logs (prom-client, pino)', (f) => /node_modules\/(prom-client|pino|sonic-boom)\//.test(f.url)],
  ['start-up (module loading, type stripping)', (f) => /^node:internal\/(modules|deps\/amaro|bootstrap)/.test(f.url) || f.functionName === 'internalModuleStat'],
  ['Postback\'s own code (dispatcher, ingest, domain, routes)', (f) => f.url.includes('/src/')],
  ['Node internals (events, timers, microtasks, the program)', (f) => f.url.startsWith('node:') || f.url === ''],
];

export function groupOf(frame: Frame): string {
  return rules.find(([, matches]) => matches(frame))?.[0] ?? 'other';
}

export type ProfileGroup = { group: string; selfMs: number; selfPercent: number };

/** Busy (non-idle) self time per group, largest first; `busyUs` is the total the percentages are of. */
export function rankGroups(selfUsByGroup: Map<string, number>, busyUs: number): ProfileGroup[] {
  return [...selfUsByGroup].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({
    group, selfMs: Math.round(us / 1000), selfPercent: Math.round((us / Math.max(1, busyUs)) * 1000) / 10,
  }));
}
