// `postback` against a PostgreSQL it cannot use, as an operator meets one: a host that never answers, a URL without
// the password the server asks for (SCRAM), TLS the server does not offer. Each prints one line naming DATABASE_URL
// and exits 1 by itself, promptly: a supervisor restarts a process that exits, never one that hangs. And `account
// create --database-url` says which store it wrote to, without the password.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TestContext } from 'node:test';
import { startEmbeddedPostgres } from './helpers/embedded-postgres.ts';
import type { EmbeddedServer } from './helpers/embedded-postgres.ts';
import { freshDataDir, killAllChildren, runCli } from './helpers/process.ts';
import type { CliResult } from './helpers/process.ts';

after(killAllChildren);

const secretKey = randomBytes(32).toString('base64');

async function dataDirFor(t: TestContext): Promise<string> {
  const dir = await freshDataDir('postback-pg-start-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `args` and checks it ended by itself within `withinMs` with exit 1 and one line, no stack: returns the line. */
async function failsInOneLine(args: string[], env: Record<string, string>, withinMs: number): Promise<string> {
  const startedAt = performance.now();
  // the test's own kill comes well after `withinMs`, so a hang shows as a kill rather than as a pass
  const result: CliResult = await runCli(args, { env: { POSTBACK_SECRET_KEY: secretKey, ...env }, timeoutMs: withinMs + 15_000 });
  const tookMs = performance.now() - startedAt;
  assert.equal(result.signal, null, `it exited by itself, not by the test's kill (stderr: ${result.stderr})`);
  assert.ok(tookMs < withinMs, `exited after ${Math.round(tookMs)} ms, within ${withinMs} ms`);
  assert.equal(result.code, 1, result.stderr);
  const text = result.stderr.trimEnd();
  assert.ok(!text.includes('\n'), `one line on stderr, got:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  assert.match(text, /^postback: .*DATABASE_URL/);
  return text;
}

test('a host that accepts the connection and never answers: one line, exit 1 once the connect timeout passes', { timeout: 60_000 }, async (t) => {
  // accepts, never speaks
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => { silent.close(() => resolve()); for (const socket of sockets) socket.destroy(); }));
  const port = (silent.address() as net.AddressInfo).port;
  const dataDir = await dataDirFor(t);
  // the pool gives up after 10 s (connectionTimeoutMillis, database.ts); start-up takes a few more
  const line = await failsInOneLine(['serve', '--port', '0', '--data-dir', dataDir], { DATABASE_URL: `postgres://postback:secret@127.0.0.1:${port}/postback` }, 25_000);
  assert.match(line, /did not answer at the host and port in DATABASE_URL/);
});

// A real server that asks for passwords by SCRAM, as PostgreSQL does by default (the embedded one's own pg_hba.conf
// asks for them in clear text, to which pg without a password answers "wrong password" instead)
let scram: EmbeddedServer;
before(async () => {
  const folder = await mkdtemp(join(tmpdir(), 'postback-hba-'));
  // read by the server, which runs as the postgres user when the tests run as root
  await chmod(folder, 0o755);
  const hbaFile = join(folder, 'pg_hba.conf');
  await writeFile(hbaFile, 'local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n', { mode: 0o644 });
  const server = await startEmbeddedPostgres('postback-scram-', { hba_file: hbaFile, fsync: 'off' });
  scram = { adminUrl: server.adminUrl, stop: async () => { await server.stop(); await rm(folder, { recursive: true, force: true }); } };
});
after(() => scram?.stop());

test('a DATABASE_URL without the password the server asks for: one line saying so, and the process exits', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  const noPassword = new URL(scram.adminUrl);
  noPassword.password = '';
  // the server keeps the half-authenticated connection open (authentication_timeout: a minute): the process must not wait on it
  const line = await failsInOneLine(['serve', '--port', '0', '--data-dir', dataDir], { DATABASE_URL: noPassword.toString() }, 15_000);
  assert.match(line, /PostgreSQL asks for a password and DATABASE_URL has none/);
});

test('TLS asked of a server that does not offer it: one line naming DATABASE_URL', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  const line = await failsInOneLine(['migrate', '--data-dir', dataDir], { DATABASE_URL: `${scram.adminUrl}?ssl=true` }, 15_000);
  assert.match(line, /DATABASE_URL asks for TLS .* does not offer it/);
});

test('account create --database-url writes to PostgreSQL and says so, without the password', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  const url = new URL(scram.adminUrl);
  const result = await runCli(['account', 'create', '--name', 'Loja', '--database-url', scram.adminUrl, '--data-dir', dataDir], { env: { POSTBACK_SECRET_KEY: secretKey } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^Account "Loja" created \\(producer\\) on PostgreSQL at 127\\.0\\.0\\.1:${url.port}/postgres\\. `, 'm'));
  assert.ok(!result.stdout.includes(url.password), 'the password is not printed');
});
