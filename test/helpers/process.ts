// Postback as real child processes (`node src/cli/main.ts ...`), for tests about the process itself: crash
// recovery, signals, exit codes and what the command line prints. Every child started here is remembered so a
// test's `finally`/`after` can kill whatever is still running (killAllChildren), even when the test failed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI is run from here as `node src/cli/main.ts`. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliEntry = 'src/cli/main.ts';

const children = new Set<ChildProcess>();

export type Exit = { code: number | null; signal: NodeJS.Signals | null };
export type CliResult = Exit & { stdout: string; stderr: string };

/** Environment for a child: this process's PATH and HOME, nothing else inherited unless given. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) base[name] = process.env[name];
  return { ...base, LOG_LEVEL: 'silent', ...env };
}

function track(child: ChildProcess): Promise<Exit> {
  children.add(child);
  return new Promise<Exit>((resolve, reject) => {
    child.once('error', (error) => { children.delete(child); reject(error); });
    child.once('exit', (code, signal) => { children.delete(child); resolve({ code, signal }); });
  });
}

/** Runs one CLI command to completion (SIGKILLed after `timeoutMs`) and returns its exit and output. */
export async function runCli(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: childEnv(options.env ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  try {
    const exit = await exited;
    // 'exit' can come before the pipes are drained
    await Promise.all([once(child.stdout!, 'close'), once(child.stderr!, 'close')]);
    return { ...exit, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

function once(stream: NodeJS.ReadableStream, event: string): Promise<void> {
  return new Promise((resolve) => {
    if ((stream as unknown as { closed?: boolean }).closed === true) resolve();
    else stream.once(event, () => resolve());
  });
}

export type ServeProcess = {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT, parsed from the `API` line the process printed. */
  url: string;
  /** Everything printed so far (logs included). */
  output(): { stdout: string; stderr: string };
  exited: Promise<Exit>;
  /** Whether the process has exited. */
  done(): boolean;
  kill(signal: NodeJS.Signals): void;
};

/**
 * Starts `postback serve` on 127.0.0.1 with a free port and waits for the `API  http://...` line.
 * `env` adds knobs (POSTBACK_DATA_DIR is required by the caller). The SSRF guard is opened to 127.0.0.1 only,
 * where the tests' receivers listen. No drain on SIGTERM unless `env` sets POSTBACK_SHUTDOWN_DRAIN: no load balancer
 * polls a test's process, and a test stopping one need not wait for it.
 */
export async function startServe(env: Record<string, string>, options: { args?: string[]; readyTimeoutMs?: number } = {}): Promise<ServeProcess> {
  return startListening(['serve', ...(options.args ?? [])], { PORT: '0', HOST: '127.0.0.1', POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32', POSTBACK_SHUTDOWN_DRAIN: '0', ...env },
    /^\s+API\s+(http:\/\/\S+?)\/api\/v1\b/m, options.readyTimeoutMs);
}

/** Starts `postback members` on 127.0.0.1 with a free port and waits for its `... members area on <url>` line. */
export async function startMembers(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<ServeProcess> {
  return startListening(['members'], { POSTBACK_MEMBERS_PORT: '0', POSTBACK_MEMBERS_HOST: '127.0.0.1', ...env }, /members area on (https?:\/\/\S+?),/, options.readyTimeoutMs);
}

/** Runs a CLI command that listens, and resolves once stdout matches `ready` (its first group is the URL). */
async function startListening(args: string[], env: Record<string, string>, ready: RegExp, readyTimeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let finished = false;
  const exited = track(child).finally(() => { finished = true; });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`postback ${args[0]} printed no address within ${readyTimeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, readyTimeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = ready.exec(stdout);
      if (match) { clearTimeout(timer); resolve(match[1]!); }
    });
    exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`postback ${args[0]} exited (${exit.code ?? exit.signal}) before printing its address\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, reject);
  });
  return {
    child,
    pid: child.pid!,
    url,
    output: () => ({ stdout, stderr }),
    exited,
    done: () => finished,
    kill: (signal) => { if (!finished) child.kill(signal); },
  };
}

/** SIGKILLs every child this module started that is still running and waits for them to be gone. */
export async function killAllChildren(): Promise<void> {
  const running = [...children];
  await Promise.all(running.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
}

/** Resolves with the exit, or rejects after `ms` (the process is left running: the caller's cleanup kills it). */
export function exitWithin(server: Pick<ServeProcess, 'pid' | 'exited'>, ms: number): Promise<Exit> {
  return new Promise<Exit>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${server.pid} still running ${ms} ms after being signalled`)), ms);
    server.exited.then((exit) => { clearTimeout(timer); resolve(exit); }, (error: unknown) => { clearTimeout(timer); reject(error); });
  });
}

export async function freshDataDir(prefix = 'postback-proc-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Creates an account through the CLI (`account create --json`) and returns what it printed. */
export async function createAccountCli(dataDir: string, name = 'Test store'): Promise<{ account_id: string; client_id: string; client_secret: string; basic: string; hottok: string }> {
  const result = await runCli(['account', 'create', '--name', name, '--json', '--data-dir', dataDir]);
  if (result.code !== 0) throw new Error(`account create exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export type JsonAnswer = { status: number; body: any; text: string };

/** One HTTP request with a JSON body (if any); the answer's body parsed when it is JSON. */
export async function callJson(method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  const response = await fetch(url, { method, headers, body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body) });
  const text = await response.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { status: response.status, body, text };
}

/** An access token for `basic` from a served process (OAuth client credentials). */
export async function accessToken(baseUrl: string, basic: string, path = '/oauth/token'): Promise<string> {
  const answer = await callJson('POST', `${baseUrl}${path}?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } });
  if (answer.status !== 200) throw new Error(`token request failed (${answer.status}): ${answer.text}`);
  return answer.body.access_token as string;
}

/** Opens the data dir's SQLite file read-only (the real file the process writes), runs `read`, closes it. */
export function readDatabase<T>(dataDir: string, read: (db: DatabaseSync) => T): T {
  const file = join(dataDir, 'postback.db');
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { eventually } from './eventually.ts';

export type WorkerProcess = Omit<ServeProcess, 'url'>;

/**
 * Starts `postback serve --role worker` (a dispatcher, no HTTP listener) and waits for its start-up line, printed
 * once its store is open and its dispatcher runs. `env` as for startServe (DATABASE_URL for a shared database).
 */
export async function startWorker(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [cliEntry, 'serve', '--role', 'worker'], {
    cwd: projectRoot,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let finished = false;
  const exited = track(child).finally(() => { finished = true; });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`postback worker printed no start-up line within ${options.readyTimeoutMs ?? 20_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.readyTimeoutMs ?? 20_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (/^Postback \S+ \(worker\)/m.test(stdout)) { clearTimeout(timer); resolve(); }
    });
    exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`postback worker exited (${exit.code ?? exit.signal}) before starting\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, reject);
  });
  return {
    child, pid: child.pid!, output: () => ({ stdout, stderr }), exited, done: () => finished,
    kill: (signal) => { if (!finished) child.kill(signal); },
  };
}
