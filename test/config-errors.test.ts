// Configuration mistakes as a person makes them, through the real `postback` process: each prints one line that says
// what is wrong and what to do, exits non-zero, and shows no stack (LOG_LEVEL=debug does). And `account create` points
// at the server the configuration describes, not at a fixed localhost:8080.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import { freshDataDir, killAllChildren, runCli } from './helpers/process.ts';
import type { CliResult } from './helpers/process.ts';

after(killAllChildren);

async function dataDirFor(t: TestContext): Promise<string> {
  const dir = await freshDataDir('postback-config-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The one line printed on stderr, after checking it is one line, the exit is non-zero and no stack is shown anywhere. */
function oneLine(result: CliResult): string {
  assert.notEqual(result.code, 0, `exits non-zero (stderr: ${result.stderr})`);
  const text = result.stderr.trimEnd();
  assert.ok(!text.includes('\n'), `one line on stderr, got:\n${result.stderr}`);
  assert.match(text, /^postback: /);
  assert.doesNotMatch(`${result.stdout}\n${result.stderr}`, /\n\s+at /, 'no stack trace');
  return text;
}

test('DATABASE_URL without POSTBACK_SECRET_KEY: one line naming the key and how to make one', async (t) => {
  const dataDir = await dataDirFor(t);
  const result = await runCli(['serve', '--data-dir', dataDir], { env: { DATABASE_URL: 'postgres://postback@127.0.0.1:1/postback' } });
  assert.match(oneLine(result), /POSTBACK_SECRET_KEY is required with DATABASE_URL.*openssl rand -base64 32/);
  assert.equal(result.code, 1);
});

test('a bad duration, a bad key and an unknown flag: one line each, naming the setting', async (t) => {
  const dataDir = await dataDirFor(t);
  const cases: { args: string[]; env?: Record<string, string>; names: RegExp }[] = [
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_SHUTDOWN_GRACE: 'soon' }, names: /POSTBACK_SHUTDOWN_GRACE: expected a duration like 30s/ },
    // a forgotten unit: 5 ms of drain would end before any load balancer looks, silently
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_SHUTDOWN_DRAIN: '5' }, names: /^postback: POSTBACK_SHUTDOWN_DRAIN: expected 0 \(no drain\) or at least 1s, .*got "5" \(5 ms; write 5s for five seconds\)$/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_SHUTDOWN_DRAIN: 'a while' }, names: /^postback: POSTBACK_SHUTDOWN_DRAIN: expected a duration like 30s/ },
    { args: ['migrate', '--data-dir', dataDir], env: { POSTBACK_LEASE: '5s' }, names: /POSTBACK_LEASE .* must exceed POSTBACK_ATTEMPT_DEADLINE/ },
    { args: ['serve', '--data-dir', dataDir, '--port', '18099'], env: { POSTBACK_METRICS_PORT: '18099' }, names: /POSTBACK_METRICS_PORT \(18099\) must differ from PORT/ },
    { args: ['account', 'create', '--name', 'Loja', '--data-dir', dataDir], env: { POSTBACK_RETRY_SCHEDULE: '0,later' }, names: /POSTBACK_RETRY_SCHEDULE: expected a duration/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_SECRET_KEY: 'too-short' }, names: /POSTBACK_SECRET_KEY must hold 32 random bytes/ },
    { args: ['migrate', '--frobnicate'], names: /Unknown option '--frobnicate'.*--help/ },
    // pino's own message named neither the variable nor the levels
    { args: ['serve', '--data-dir', dataDir], env: { LOG_LEVEL: 'verbose' }, names: /^postback: LOG_LEVEL: expected fatal, error, warn, info, debug, trace or silent, got "verbose"$/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_POLL_INTERVAL: '0' }, names: /^postback: POSTBACK_POLL_INTERVAL: expected at least 50 ms \(.*busy loop\), got "0"$/ },
  ];
  for (const { args, env, names } of cases) {
    const result = await runCli(args, env ? { env } : {});
    assert.match(oneLine(result), names, args.join(' '));
  }
});

test('exit codes: 2 for a mistake typed on the command line, 1 for a setting from the environment', async (t) => {
  const dataDir = await dataDirFor(t);
  const cases: { args: string[]; env?: Record<string, string>; code: number; names: RegExp }[] = [
    { args: ['serve', '--role', 'boss', '--data-dir', dataDir], code: 2, names: /^postback: --role: expected all, api or worker, got "boss"$/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_ROLE: 'boss' }, code: 1, names: /^postback: POSTBACK_ROLE: expected all, api or worker, got "boss"$/ },
    { args: ['serve', '--data-dir', dataDir], env: { PORT: '-1' }, code: 1, names: /^postback: PORT: expected an integer/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_ALLOW_NETWORKS: 'garbage!!' }, code: 1, names: /^postback: POSTBACK_ALLOW_NETWORKS: / },
    // the trusted proxies' old name is still read, so it is checked as strictly, and never silently loses to the new one
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_TRUSTED_PROXIES: '10.0.0.0/8', POSTBACK_CHECKOUT_TRUSTED_PROXIES: '127.0.0.1' }, code: 1,
      names: /^postback: POSTBACK_TRUSTED_PROXIES \("10\.0\.0\.0\/8"\) and its old name POSTBACK_CHECKOUT_TRUSTED_PROXIES \("127\.0\.0\.1"\) name different proxies: keep POSTBACK_TRUSTED_PROXIES alone$/ },
    { args: ['serve', '--data-dir', dataDir], env: { POSTBACK_CHECKOUT_TRUSTED_PROXIES: 'proxy.internal' }, code: 1, names: /^postback: POSTBACK_CHECKOUT_TRUSTED_PROXIES: "proxy\.internal" is not an IP address or a CIDR/ },
    { args: ['members', '--port', 'abc', '--data-dir', dataDir], code: 2, names: /^postback: --port: expected an integer/ },
    { args: ['members', '--data-dir', dataDir], env: { POSTBACK_MEMBERS_PORT: 'abc' }, code: 1, names: /^postback: POSTBACK_MEMBERS_PORT: expected an integer/ },
  ];
  for (const { args, env, code, names } of cases) {
    const result = await runCli(args, env ? { env } : {});
    assert.match(oneLine(result), names, args.join(' '));
    assert.equal(result.code, code, `${args.join(' ')} ${JSON.stringify(env ?? {})}`);
  }
});

test('a port in use: one line naming the port and what to do; nothing is left running', async (t) => {
  const dataDir = await dataDirFor(t);
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const port = (taken.address() as net.AddressInfo).port;
  const result = await runCli(['serve', '--port', String(port), '--data-dir', dataDir], { timeoutMs: 20_000 });
  assert.equal(result.signal, null, 'it exited by itself, not by the test\'s kill');
  assert.match(oneLine(result), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use by another process: stop it, or choose another port with PORT or --port`));
});

test('a data directory that cannot be written: one line naming the path and the setting', async (t) => {
  const dir = await dataDirFor(t);
  // a regular file where the data directory's parent should be: nothing can be created under it, even by root
  const file = join(dir, 'not-a-folder');
  await writeFile(file, 'x');
  const result = await runCli(['serve', '--data-dir', join(file, 'data')]);
  assert.match(oneLine(result), new RegExp(`cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\(ENOTDIR\\): set POSTBACK_DATA_DIR \\(or --data-dir\\)`));
});

test('a data directory that cannot be made: one line naming the path, for a link to nothing and under /proc', async (t) => {
  const dir = await dataDirFor(t);
  const link = join(dir, 'data');
  await symlink(join(dir, 'unmounted-disk'), link);
  // under /proc mkdir answers ENOENT beneath a folder that exists: Node's recursive mkdir retried it forever
  const cases = [{ dataDir: link, code: 'EEXIST' }, ...(process.platform === 'linux' ? [{ dataDir: '/proc/self/postback-data', code: 'ENOENT' }] : [])];
  for (const { dataDir, code } of cases) {
    const result = await runCli(['serve', '--data-dir', dataDir], { timeoutMs: 20_000 });
    assert.equal(result.signal, null, `${dataDir}: it exited by itself, not by the test's kill`);
    assert.match(oneLine(result), new RegExp(`cannot create ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${code}: .*\\): set POSTBACK_DATA_DIR \\(or --data-dir\\)`), dataDir);
  }
});

test('a data directory whose postback.db is not a database: one line saying so and what to do', async (t) => {
  const dataDir = await dataDirFor(t);
  await writeFile(join(dataDir, 'postback.db'), randomBytes(64 * 1024), { mode: 0o600 });
  for (const command of ['serve', 'migrate']) {
    const result = await runCli([command, '--data-dir', dataDir]);
    assert.match(oneLine(result), /^postback: the SQLite database is not one Postback can read \(file is not a database\): restore the file from a backup/, command);
  }
});

test('a secret.key that is a folder (a bind mount of a missing file makes one): one line naming it', async (t) => {
  const dataDir = await dataDirFor(t);
  await mkdir(join(dataDir, 'secret.key'));
  const result = await runCli(['serve', '--data-dir', dataDir]);
  assert.match(oneLine(result), /secret\.key cannot be read \(EISDIR\): it must be a file holding the key, 32 random bytes as base64 or hex, and a folder is there$/);
});

test('a database restored without its secret.key: serve refuses with one line, and leaves no new key behind', async (t) => {
  const dataDir = await dataDirFor(t);
  const created = await runCli(['account', 'create', '--name', 'Loja', '--data-dir', dataDir]);
  assert.equal(created.code, 0, created.stderr);
  await rename(join(dataDir, 'secret.key'), join(dataDir, 'kept-elsewhere.key'));
  const restored = await runCli(['serve', '--data-dir', dataDir]);
  assert.match(oneLine(restored), /were sealed with a key, and .* has no secret\.key: put back the secret\.key backed up with the database/);
  assert.equal(existsSync(join(dataDir, 'secret.key')), false, 'the key made at start-up was removed: the next start says the same');
  const wrongKey = await runCli(['serve', '--data-dir', dataDir], { env: { POSTBACK_SECRET_KEY: randomBytes(32).toString('base64') } });
  assert.match(oneLine(wrongKey), /were sealed with another key than POSTBACK_SECRET_KEY: set it to the key the database was first used with/);
});

test('LOG_LEVEL=debug adds the stack under the same line', async (t) => {
  const dataDir = await dataDirFor(t);
  const result = await runCli(['serve', '--data-dir', dataDir], { env: { DATABASE_URL: 'postgres://postback@127.0.0.1:1/postback', LOG_LEVEL: 'debug' } });
  assert.notEqual(result.code, 0);
  const [first, ...rest] = result.stderr.trimEnd().split('\n');
  assert.match(first!, /^postback: POSTBACK_SECRET_KEY is required/);
  assert.match(rest.join('\n'), /^\s+at /m, 'the stack follows');
});

test('account create prints the sign-in and token URLs of the configured server (PORT, HOST), not localhost:8080', async (t) => {
  const dataDir = await dataDirFor(t);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const cases = [
    { env: { PORT: '9123', HOST: '0.0.0.0' }, url: 'http://localhost:9123' },
    { env: { PORT: '8181', HOST: '127.0.0.2' }, url: 'http://127.0.0.2:8181' },
    { env: { PORT: '7070', HOST: '::1' }, url: 'http://[::1]:7070' },
  ];
  for (const [index, { env, url }] of cases.entries()) {
    const result = await runCli(['account', 'create', '--name', `Loja ${index}`, '--email', `ana${index}@example.com`, '--password', password, '--data-dir', dataDir], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`sign in as ana${index}@example.com at ${url}/`), result.stdout);
    assert.ok(result.stdout.includes(`"${url}/oauth/token?grant_type=client_credentials"`), result.stdout);
    assert.ok(!result.stdout.includes('localhost:8080'));
  }
});
