// A real Postback (store file, HTTP API, dispatcher) in this process, on 127.0.0.1, with a fresh data directory,
// plus a small API client for tests. Nothing of ours is mocked: tests talk HTTP to it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Agent, fetch as undiciFetch } from 'undici';
import { createAccount } from '../../src/accounts/create-account.ts';
import type { IssuedAccount } from '../../src/accounts/create-account.ts';
import { loadConfig } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import type { AccountKind, Store } from '../../src/store/store.ts';

export type ApiAnswer = { status: number; headers: Pick<Headers, 'get'>; body: any; text: string };
type RequestInit = { body?: string | undefined; headers?: Record<string, string>; from?: string };
export type Tenant = IssuedAccount & { token: string; call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer> };

export type Platform = {
  url: string;
  dataDir: string;
  store: Store;
  config: Config;
  routes: string[];
  /** The operators' listener (POSTBACK_METRICS_PORT), or null without one. */
  opsUrl: string | null;
  /** A new account with a token; producers by default. */
  tenant(name?: string, kind?: AccountKind): Promise<Tenant>;
  /** `from`: the source address, any of 127.0.0.0/8 (Linux routes it all to the loopback), so a test can play clients at different addresses. */
  request(method: string, path: string, init?: RequestInit): Promise<ApiAnswer>;
  [Symbol.asyncDispose](): Promise<void>;
};

/** Fast defaults for tests: a short schedule without jitter, short deadline; override what a test is about. */
export async function startPlatform(overrides: Partial<Config> = {}): Promise<Platform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'postback-test-'));
  const config = loadConfig({}, {
    port: 0, dataDir, retrySchedule: [0, 100, 100, 100, 100], retryJitter: 0, attemptDeadlineMs: 2000, leaseMs: 10_000,
    pollIntervalMs: 200, shutdownGraceMs: 2000, logLevel: 'silent', rateLimitPerMinute: 0,
    // receivers in tests listen on 127.0.0.1, which the SSRF guard blocks unless allowed; [] turns the guard fully on
    allowNetworks: ['127.0.0.1/32'], ...overrides,
  });
  const server = await startServer(config, pino({ level: config.logLevel }));
  const url = server.url!;
  const agents = new Map<string, Agent>();
  const agentFrom = (address: string) => agents.get(address) ?? agents.set(address, new Agent({ localAddress: address })).get(address)!;
  const request = async (method: string, path: string, init: RequestInit = {}): Promise<ApiAnswer> => {
    const response = init.from === undefined
      ? await fetch(`${url}${path}`, { method, headers: init.headers ?? {}, body: init.body ?? null })
      : await undiciFetch(`${url}${path}`, { method, headers: init.headers ?? {}, body: init.body ?? null, dispatcher: agentFrom(init.from) });
    const text = await response.text();
    let body: unknown = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = text; }
    return { status: response.status, headers: response.headers, body, text };
  };
  return {
    url,
    dataDir,
    store: server.store,
    config,
    routes: server.routes,
    opsUrl: server.opsUrl,
    request,
    async tenant(name = 'Test store', kind: AccountKind = 'producer') {
      const issued = await createAccount(server.store, { name, kind }, Date.now());
      const answer = await request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${issued.basic}` } });
      if (answer.status !== 200) throw new Error(`token request failed: ${answer.text}`);
      const token = answer.body.access_token as string;
      const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => request(method, path, {
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      });
      return { ...issued, token, call };
    },
    async [Symbol.asyncDispose]() {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { eventually } from './eventually.ts';
