// Postback as the benchmark runs it: real `postback serve` and `postback account create` child processes
// (`node src/cli/main.ts ...`), with the knobs the bench needs. Every child is killed when the bench exits.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The checkout whose `postback` the bench runs: this one, or `POSTBACK_BENCH_TREE` (another worktree with its
 * node_modules), so that two commits are measured by the same harness, alternating, on the same machine.
 */
export const serverRoot = process.env.POSTBACK_BENCH_TREE ? resolve(process.env.POSTBACK_BENCH_TREE) : projectRoot;
const cli = 'src/cli/main.ts';
const children = new Set<ChildProcess>();
process.once('exit', () => { for (const child of children) child.kill('SIGKILL'); });

/** Remembers a child so that it is SIGKILLed if the bench exits (or crashes) before stopping it. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** One key for every process of this run, so an account made by the CLI is readable by the server. */
const secretKey = randomBytes(32).toString('base64');

/**
 * The environment of a Postback child: the bench's knobs on top of PATH and HOME, nothing else inherited.
 * `POSTBACK_BENCH_NODE_OPTIONS` becomes the children's NODE_OPTIONS (e.g. a heap cap), leaving the bench's own alone.
 */
export function postbackEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name];
  if (process.env.POSTBACK_BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.POSTBACK_BENCH_NODE_OPTIONS;
  return {
    ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', POSTBACK_SECRET_KEY: secretKey,
    // receivers listen on loopback, which the SSRF guard refuses unless allowed
    POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32',
    // the bench publishes thousands of events per second from one API client, over up to 256 connections from one address
    POSTBACK_RATE_LIMIT: '0',
    POSTBACK_CONNECTIONS_PER_ADDRESS: '0',
    POSTBACK_SHUTDOWN_GRACE: '2s',
    // no load balancer polls a bench's processes: stopping one need not wait for a drain
    POSTBACK_SHUTDOWN_DRAIN: '0',
    ...extra,
  };
}

export type PostbackProcess = {
  pid: number;
  /** Base URL of the API (null for `--role worker`). */
  url: string | null;
  /** The first line the process printed, e.g. "Postback 0.1.0 (all) on SQLite at ...". */
  banner: string;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: string | null }>;
};

export type StartOptions = { env: Record<string, string>; role?: 'all' | 'api' | 'worker'; cpuProfile?: { dir: string; name: string }; readyTimeoutMs?: number };

export async function startPostback(options: StartOptions): Promise<PostbackProcess> {
  const role = options.role ?? 'all';
  const profile = options.cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfile.dir, '--cpu-prof-name', options.cpuProfile.name] : [];
  const child = spawn(process.execPath, [...profile, cli, 'serve', '--role', role], { cwd: serverRoot, env: postbackEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => { children.delete(child); resolve({ code, signal }); }));
  let out = '';
  const keep = (chunk: string): void => { out = (out + chunk).slice(-20_000); };
  child.stderr!.setEncoding('utf8').on('data', keep);
  const ready = await new Promise<{ url: string | null; banner: string }>((resolve, reject) => {
    let stdout: string | null = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`postback serve was not ready within ${options.readyTimeoutMs ?? 30_000} ms: ${out.slice(-2000)}`)); }, options.readyTimeoutMs ?? 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      keep(chunk);
      if (stdout === null) return;
      stdout += chunk;
      const banner = /^Postback .*$/m.exec(stdout)?.[0];
      const api = /^\s+API\s+(http:\/\/\S+?)\/api\/v1\b/m.exec(stdout)?.[1];
      if (banner !== undefined && (role === 'worker' || api !== undefined)) {
        clearTimeout(timer);
        stdout = null; // ready: later output is only kept (logs)
        resolve({ url: api ?? null, banner });
      }
    });
    void exited.then((exit) => { clearTimeout(timer); reject(new Error(`postback serve exited (${exit.code ?? exit.signal}) before it was ready: ${out.slice(-2000)}`)); });
  });
  return {
    pid: child.pid!,
    ...ready,
    output: () => out,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

export type AccountCredentials = { account_id: string; basic: string };

/** `postback account create --json` against the store `env` selects (data dir or DATABASE_URL). */
export async function createAccount(env: Record<string, string>, name = 'Bench store'): Promise<AccountCredentials> {
  const child = spawn(process.execPath, [cli, 'account', 'create', '--name', name, '--json'], { cwd: serverRoot, env: postbackEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => { children.delete(child); resolve(exitCode); }));
  if (code !== 0) throw new Error(`postback account create exited ${code}: ${stderr.trim()}`);
  const line = stdout.split('\n').find((text) => text.startsWith('{'));
  if (line === undefined) throw new Error(`postback account create printed no JSON: ${stdout}`);
  return JSON.parse(line) as AccountCredentials;
}
