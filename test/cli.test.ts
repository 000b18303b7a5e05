// The `postback` command as users run it: a real child process, its exit code, what it prints, and what it
// leaves in the data directory (the real SQLite file, opened read only).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { fixtureFiles, fixturePath, readFixture } from '../src/catalog/test-fixtures.ts';
import { printSimulationReport } from '../src/cli/simulation-report.ts';
import { closedPort, startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import {
  accessToken, callJson, createAccountCli, eventually, exitWithin, freshDataDir, killAllChildren, projectRoot, readDatabase, runCli, startServe, startWorker,
} from './helpers/process.ts';
import type { CliResult } from './helpers/process.ts';

const fixturePaths = fixtureFiles().map(fixturePath);

after(killAllChildren);

async function dataDirFor(t: TestContext): Promise<string> {
  const dir = await freshDataDir('postback-cli-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function receiverFor(t: TestContext, handler: Parameters<typeof startHttpReceiver>[0]): Promise<Receiver> {
  const receiver = await startHttpReceiver(handler);
  t.after(() => receiver[Symbol.asyncDispose]());
  return receiver;
}

function accountCount(dataDir: string): number {
  if (!existsSync(join(dataDir, 'postback.db'))) return 0;
  return readDatabase(dataDir, (db) => Number((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n));
}

/**
 * A command as a child this test holds (runCli's cannot be signalled, fed or cut off): `input` is its stdin, or stdin
 * stays open when undefined; `via` runs it through another program (sh for ulimit, script for a terminal).
 */
function spawnCli(t: TestContext, args: string[], options: { input?: string; via?: (command: string[]) => string[] } = {}) {
  const command = [process.execPath, 'src/cli/main.ts', ...args];
  const [file, ...rest] = options.via ? options.via(command) : command;
  const child: ChildProcessWithoutNullStreams = spawn(file!, rest, { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent' } });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('latin1').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('latin1').on('data', (chunk: string) => { stderr += chunk; });
  if (options.input !== undefined) child.stdin.end(options.input);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, result, output: () => ({ stdout, stderr }) };
}

/** Resolves with the result, or rejects after `ms` (the child is then killed by spawnCli's cleanup). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

function eventCount(dataDir: string): number {
  return readDatabase(dataDir, (db) => Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n));
}

/** A fake Postback: its token endpoint answers as Postback's does; every other request is `onStep`'s to answer (or not). */
async function fakePostback(t: TestContext, onStep: (res: ServerResponse) => void): Promise<Receiver> {
  return receiverFor(t, (req, res) => {
    if (req.url?.startsWith('/oauth/token')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"fake","token_type":"bearer","expires_in":3600}');
    else onStep(res);
  });
}

/** The message a usage error printed: exactly one line on stderr, nothing on stdout. */
function oneLineError(result: { stdout: string; stderr: string }): string {
  assert.equal(result.stdout, '', 'nothing on stdout');
  const text = result.stderr.trimEnd();
  assert.ok(text.length > 0, 'a message on stderr');
  assert.ok(!text.includes('\n'), `one line, got:\n${result.stderr}`);
  assert.match(text, /^postback: /);
  return text;
}

describe('postback account create', () => {
  test('--json prints exactly the five credentials, and they get a token from a served process on the same data dir', async (t) => {
    const dataDir = await dataDirFor(t);
    const result = await runCli(['account', 'create', '--name', 'Loja', '--json', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout.trimEnd().split('\n').length, 1, 'one line of JSON');
    const issued = JSON.parse(result.stdout) as Record<string, string>;
    assert.deepEqual(Object.keys(issued).sort(), ['account_id', 'basic', 'client_id', 'client_secret', 'hottok']);
    for (const [key, value] of Object.entries(issued)) assert.ok(typeof value === 'string' && value.length > 0, `${key} is a non-empty string`);
    assert.equal(issued.basic, Buffer.from(`${issued.client_id}:${issued.client_secret}`).toString('base64'));
    assert.equal(accountCount(dataDir), 1);

    const server = await startServe({}, { args: ['--data-dir', dataDir] });
    t.after(() => server.kill('SIGKILL'));
    // Hotmart's path, query-string grant, Basic header
    const answer = await callJson('POST', `${server.url}/security/oauth/token?grant_type=client_credentials`, { headers: { authorization: `Basic ${issued.basic}` } });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.token_type, 'bearer');
    const catalog = await callJson('GET', `${server.url}/api/v1/catalog`, { headers: { authorization: `Bearer ${answer.body.access_token}` } });
    assert.equal(catalog.status, 200, 'the token opens the API');
    // and the secret really is checked
    const forged = Buffer.from(`${issued.client_id}:not-the-secret`).toString('base64');
    const refused = await callJson('POST', `${server.url}/security/oauth/token?grant_type=client_credentials`, { headers: { authorization: `Basic ${forged}` } });
    assert.equal(refused.status, 401);
  });

  test('the human output shows the Client Secret (once) with the other credentials', async (t) => {
    const dataDir = await dataDirFor(t);
    const result = await runCli(['account', 'create', '--name', 'Loja', '--kind', 'affiliate', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    const field = (label: string): string => {
      const match = new RegExp(`^\\s+${label}\\s+(\\S+)$`, 'm').exec(result.stdout);
      assert.ok(match, `the output shows ${label}:\n${result.stdout}`);
      return match[1]!;
    };
    const clientId = field('Client ID');
    const secret = field('Client Secret');
    assert.equal(field('Basic'), Buffer.from(`${clientId}:${secret}`).toString('base64'));
    field('Account ID');
    field('Hottok');
    assert.match(result.stdout, /shown only now/);
    // the store it wrote to is named: a shell without the server's DATABASE_URL would otherwise write here unseen
    assert.match(result.stdout, new RegExp(`^Account "Loja" created \\(affiliate\\) on SQLite at ${escape(join(dataDir, 'postback.db'))}\\. `, 'm'));
    const kind = readDatabase(dataDir, (db) => db.prepare('SELECT kind, name FROM accounts').all());
    assert.deepEqual(kind.map((row) => ({ ...row })), [{ kind: 'affiliate', name: 'Loja' }]);
  });

  test('bad calls exit 2 with a one-line message naming the problem, and create nothing', async (t) => {
    const dataDir = await dataDirFor(t);
    await createAccountCli(dataDir, 'Existing');
    assert.equal(accountCount(dataDir), 1);
    const cases: { args: string[]; names: RegExp }[] = [
      { args: ['account', 'create'], names: /--name is required/ },
      { args: ['account', 'create', '--name', 'X', '--kind', 'boss'], names: /--kind must be producer or affiliate, not "boss"/ },
      // the usage line of the only sub-command there is
      { args: ['account', 'delete', '--name', 'X'], names: /unknown account command "delete"/ },
      { args: ['account', 'create', '--name', 'X', '--nope'], names: /Unknown option '--nope'/ },
      { args: ['account', 'create', '--name', '   '], names: /--name is required/ },
    ];
    for (const { args, names } of cases) {
      const result = await runCli([...args, '--data-dir', dataDir]);
      assert.equal(result.code, 2, `${args.join(' ')} exits 2 (stderr: ${result.stderr})`);
      assert.match(oneLineError(result), names, args.join(' '));
    }
    assert.equal(accountCount(dataDir), 1, 'no account was created by a bad call');

    // on a fresh data dir a bad call does not even create the database
    const fresh = await dataDirFor(t);
    const result = await runCli(['account', 'create', '--kind', 'boss', '--name', 'X', '--data-dir', fresh]);
    assert.equal(result.code, 2);
    assert.equal(accountCount(fresh), 0);
  });

  test('a name with control characters (a line break, an escape sequence, BEL) is refused: exit 2, nothing created', async (t) => {
    const dataDir = await dataDirFor(t);
    for (const name of ['Loja\nFake line', 'Loja \u001b[31mred', 'Loja\u0007', 'Loja\u009bx', 'Loja\tTab']) {
      const result = await runCli(['account', 'create', '--name', name, '--data-dir', dataDir]);
      assert.equal(result.code, 2, JSON.stringify(name));
      assert.match(oneLineError(result), /--name: must not contain control characters/);
    }
    assert.equal(accountCount(dataDir), 0);
    assert.equal((await runCli(['account', 'create', '--name', 'Loja Ação & Cia', '--data-dir', dataDir])).code, 0, 'letters of any language are fine');
  });

  test('an unknown sub-command is named in the message', async () => {
    const dataDir = await freshDataDir('postback-cli-');
    try {
      const result = await runCli(['account', 'delete', '--data-dir', dataDir]);
      assert.equal(result.code, 2);
      assert.match(oneLineError(result), /delete/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('postback check-payload', () => {
  test('every Hotmart fixture is valid: exit 0, one "ok" line per file', async () => {
    assert.ok(fixturePaths.length >= 10, `fixtures found: ${fixturePaths.length}`);
    const result = await runCli(['check-payload', ...fixturePaths]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual(result.stdout.trimEnd().split('\n'), fixturePaths.map((file) => `ok ${file}`));
  });

  test('a broken file and a non-JSON file: exit 1, both files named, and the bad field path', async (t) => {
    const dir = await dataDirFor(t);
    const valid = fixturePaths.find((file) => file.endsWith('/PURCHASE_APPROVED.json'))!;
    const payload = JSON.parse(await readFile(valid, 'utf8'));
    payload.data.purchase.price.value = 'abc';
    const broken = join(dir, 'broken-price.json');
    const notJson = join(dir, 'not-json.json');
    await writeFile(broken, JSON.stringify(payload, null, 2));
    await writeFile(notJson, '{"event": "PURCHASE_APPROVED", "data": ');
    const result = await runCli(['check-payload', valid, broken, notJson]);
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    const output = `${result.stdout}\n${result.stderr}`;
    assert.match(result.stdout, new RegExp(`^ok ${escape(valid)}$`, 'm'), 'the valid file is still reported ok');
    const brokenLines = output.split('\n').filter((line) => line.includes(broken));
    assert.ok(brokenLines.some((line) => line.includes('data.purchase.price.value')), `the broken file's field is named:\n${output}`);
    const notJsonLines = output.split('\n').filter((line) => line.includes(notJson));
    assert.ok(notJsonLines.some((line) => /JSON/i.test(line)), `the non-JSON file is named as such:\n${output}`);
    assert.ok(!output.includes(`ok ${broken}`) && !output.includes(`ok ${notJson}`));
  });

  test('--affiliate: a body without the buyer is valid for affiliates and not for producers', async (t) => {
    const dir = await dataDirFor(t);
    const valid = fixturePaths.find((file) => file.endsWith('/PURCHASE_APPROVED.json'))!;
    const payload = JSON.parse(await readFile(valid, 'utf8'));
    delete payload.data.buyer;
    const redacted = join(dir, 'affiliate.json');
    await writeFile(redacted, JSON.stringify(payload));
    const asProducer = await runCli(['check-payload', redacted]);
    assert.equal(asProducer.code, 1);
    assert.match(asProducer.stderr, /data\.buyer: Required/);
    const asAffiliate = await runCli(['check-payload', '--affiliate', redacted]);
    assert.equal(asAffiliate.code, 0, asAffiliate.stderr);
    payload.data.purchase.price.value = 'abc';
    await writeFile(redacted, JSON.stringify(payload));
    const broken = await runCli(['check-payload', '--affiliate', redacted]);
    assert.equal(broken.code, 1, 'everything else is as strict');
    assert.match(broken.stderr, /data\.purchase\.price\.value/);
  });

  test('an unknown option is a usage error (exit 2); after -- every argument is a file; - is the standard input', async (t) => {
    const valid = fixturePaths.find((file) => file.endsWith('/PURCHASE_APPROVED.json'))!;
    const unknown = await runCli(['check-payload', '--bogus', valid]);
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(oneLineError(unknown), /Unknown option '--bogus'/);
    const afterDashes = await runCli(['check-payload', '--', valid]);
    assert.deepEqual([afterDashes.code, afterDashes.stdout, afterDashes.stderr], [0, `ok ${valid}\n`, '']);
    const piped = await spawnCli(t, ['check-payload', '--affiliate', '-'], { input: await readFile(valid, 'utf8') }).result;
    assert.deepEqual([piped.code, piped.stdout, piped.stderr], [0, 'ok (stdin)\n', '']);
    const twice = await spawnCli(t, ['check-payload', '-', '-'], { input: '{}' }).result;
    assert.equal(twice.code, 2);
    assert.match(oneLineError(twice), /the standard input\) can be checked once/);
  });

  test('hundreds of files under a small descriptor limit: each is checked on its content, in the order given', { skip: process.platform === 'win32' }, async (t) => {
    const dir = await dataDirFor(t);
    const body = await readFile(fixturePaths.find((file) => file.endsWith('/PURCHASE_APPROVED.json'))!, 'utf8');
    const files = Array.from({ length: 300 }, (_, index) => join(dir, `capture-${index}.json`));
    await Promise.all(files.map((file) => writeFile(file, body)));
    // 64 descriptors: node needs a few dozen of its own; the files were all opened at once (EMFILE past 1,024 on Linux, 256 on macOS)
    const run = spawnCli(t, ['check-payload', ...files], { input: '', via: (command) => ['sh', '-c', 'ulimit -n 64 && exec "$@"', 'sh', ...command] });
    const result = await run.result;
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), files.map((file) => `ok ${file}`));
  });

  test('a reader that stops reading (| head -1) ends the command quietly, as SIGPIPE would (141), with no stack', async (t) => {
    const valid = fixturePaths.find((file) => file.endsWith('/PURCHASE_APPROVED.json'))!;
    // far more than a pipe holds (64 KiB): the command is still writing when the reader goes
    const run = spawnCli(t, ['check-payload', ...Array.from({ length: 3000 }, () => valid)], { input: '' });
    run.child.stdout.once('data', () => run.child.stdout.destroy());
    const result = await run.result;
    assert.equal(result.stderr, '', 'nothing to say to anyone');
    assert.equal(result.code, 141);
  });

  test('a missing file is named; no files at all is a usage error (exit 2)', async (t) => {
    const dir = await dataDirFor(t);
    const missing = join(dir, 'nope.json');
    const result = await runCli(['check-payload', missing]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(escape(missing)));

    const none = await runCli(['check-payload']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /usage: postback check-payload \[--affiliate\] FILE/);
    assert.equal(none.stdout, '');
  });
});

describe('postback serve', () => {
  test('prints where the dashboard and the API are, and they answer there', async (t) => {
    const dataDir = await dataDirFor(t);
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir });
    t.after(() => server.kill('SIGKILL'));
    const { stdout } = server.output();
    assert.match(stdout, new RegExp(`^\\s+Dashboard\\s+${escape(server.url)}/$`, 'm'));
    assert.match(stdout, new RegExp(`^\\s+API\\s+${escape(server.url)}/api/v1\\b`, 'm'));
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await callJson('GET', `${server.url}/health`);
    assert.equal(health.status, 200);
    const unauthenticated = await callJson('GET', `${server.url}/api/v1/webhooks`);
    assert.equal(unauthenticated.status, 401, 'the API is served under the printed address');
  });

  test('no command, an unknown command and a bad --port exit 2 with a clear message on stderr', async (t) => {
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.equal(unknown.stdout, '');

    const none = await runCli([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Usage: postback <command>/, 'a mistake: the usage goes to stderr');
    assert.equal(none.stdout, '');
    const asked = await runCli(['--help']);
    assert.deepEqual([asked.code, asked.stderr], [0, '']);
    assert.match(asked.stdout, /^Usage: postback <command>/, 'asked for: the usage goes to stdout');

    const dataDir = await dataDirFor(t);
    const badPort = await runCli(['serve', '--port', 'abc', '--data-dir', dataDir]);
    assert.equal(badPort.code, 2, badPort.stderr);
    assert.match(oneLineError(badPort), /--port: .*"abc"/);

    const badOption = await runCli(['serve', '--bogus']);
    assert.equal(badOption.code, 2);
    assert.match(oneLineError(badOption), /--bogus/);
  });

  test('a worker relaunches itself in place under a heap limit; POSTBACK_HEAP_LIMIT_MB and node flags decide it; a bad value exits 1', async (t) => {
    const dataDir = await dataDirFor(t);
    const heapLimitOf = (stdout: string) => Number(/, heap limit (\d+) MB$/m.exec(stdout)?.[1]);
    const worker = await startWorker({ POSTBACK_DATA_DIR: dataDir });
    t.after(() => worker.kill('SIGKILL'));
    // the same pid now runs under the flags: what the operator's kill and supervisor see is the capped process
    const commandLine = (await readFile(`/proc/${worker.pid}/cmdline`, 'utf8')).split('\0');
    assert.ok(commandLine.includes('--max-old-space-size=192') && commandLine.includes('--max-semi-space-size=8'), commandLine.join(' '));
    assert.ok(commandLine.includes('--role') && commandLine.includes('worker'), 'the same command, relaunched');
    const capped = heapLimitOf(worker.output().stdout);
    assert.ok(capped >= 192 && capped < 300, `heap limit ${capped} MB`);
    worker.kill('SIGTERM');
    assert.deepEqual(await exitWithin(worker, 10_000), { code: 0, signal: null }, 'SIGTERM reaches the relaunched process');

    const uncapped = await startWorker({ POSTBACK_DATA_DIR: dataDir, POSTBACK_HEAP_LIMIT_MB: '0' });
    t.after(() => uncapped.kill('SIGKILL'));
    assert.ok(heapLimitOf(uncapped.output().stdout) > capped, 'POSTBACK_HEAP_LIMIT_MB=0 keeps Node\'s default');
    uncapped.kill('SIGKILL');

    const own = await startWorker({ POSTBACK_DATA_DIR: dataDir, NODE_OPTIONS: '--max-old-space-size=96' });
    t.after(() => own.kill('SIGKILL'));
    assert.ok(!(await readFile(`/proc/${own.pid}/cmdline`, 'utf8')).includes('--max-old-space-size=192'), 'not relaunched');
    assert.ok(heapLimitOf(own.output().stdout) < heapLimitOf(uncapped.output().stdout), 'the operator\'s own --max-old-space-size is kept');
    own.kill('SIGKILL');

    // a setting from the environment, not a mistake in the command: exit 1 (README "Command line")
    const bad = await runCli(['serve', '--role', 'worker', '--data-dir', dataDir], { env: { POSTBACK_HEAP_LIMIT_MB: '10' } });
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(oneLineError(bad), /POSTBACK_HEAP_LIMIT_MB: .*from 64 to 1048576, got "10"/);
  });

  test('every command answers --help with its usage, as the top-level usage promises', async () => {
    const result = await runCli(['serve', '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /--port/);
    // the flags are a few of the settings: the help says where the rest are
    assert.match(result.stdout, /Every other setting is an environment variable .*POSTBACK_METRICS_PORT/s);
    assert.match(result.stdout, /README's "Configuration"/);
    for (const [args, names] of [[['account', '--help'], /--name .*--database-url/], [['check-payload', '--help'], /FILE/], [['migrate', '-h'], /--database-url/], [['simulate', '--help'], /--basic/]] as const) {
      const answer = await runCli([...args]);
      assert.equal(answer.code, 0, `${args.join(' ')}: ${answer.stderr}`);
      assert.match(answer.stdout, names);
    }
  });

  test('SIGTERM with an attempt in flight: the attempt finishes, the process exits 0, the delivery is recorded delivered', { timeout: 60_000 }, async (t) => {
    const dataDir = await dataDirFor(t);
    let answered = 0;
    const receiver = await receiverFor(t, (_req, res) => {
      setTimeout(() => { answered++; res.writeHead(200).end('ok'); }, 800);
    });
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_GRACE: '5s', POSTBACK_ATTEMPT_DEADLINE: '3s', POSTBACK_LEASE: '10s', LOG_LEVEL: 'info' });
    t.after(() => server.kill('SIGKILL'));
    const { deliveryId } = await publishToReceiver(server.url, dataDir, receiver);

    await eventually('the receiver got the request', () => (receiver.requests.length === 1 ? true : undefined), 10_000);
    assert.equal(answered, 0, 'the attempt is still in flight');
    server.kill('SIGTERM');
    const exit = await exitWithin(server, 10_000);
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM (stderr: ${server.output().stderr})`);
    assert.equal(answered, 1, 'the receiver answered before the process was gone');
    assert.equal(receiver.requests.length, 1, 'exactly one request');
    // the log's last word: what finished; and, like every line, which process on which host wrote it
    const summary = shutdownSummary(server.output().stdout);
    assert.match(summary.msg, /^shutdown complete: .*every attempt in flight finished within the grace/);
    assert.deepEqual([summary.pid, summary.hostname, summary.processRole], [server.pid, hostname(), 'all']);

    const row = readDatabase(dataDir, (db) => ({
      delivery: { ...db.prepare('SELECT status, lease_token, last_status_code, attempt_count FROM deliveries WHERE id = ?').get(deliveryId) },
      attempts: db.prepare('SELECT status_code, error FROM attempts WHERE delivery_id = ?').all(deliveryId).map((a) => ({ ...a })),
    }));
    assert.deepEqual(row.delivery, { status: 'delivered', lease_token: null, last_status_code: 200, attempt_count: 1 });
    assert.deepEqual(row.attempts, [{ status_code: 200, error: null }]);
  });

  test('SIGTERM with a receiver that never answers: exits promptly, the delivery stays pending with its lease released', { timeout: 60_000 }, async (t) => {
    const dataDir = await dataDirFor(t);
    let hang = true;
    const receiver = await receiverFor(t, (_req, res) => {
      if (!hang) res.writeHead(200).end('ok'); // otherwise never answer
    });
    const env = { POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_GRACE: '300ms', POSTBACK_ATTEMPT_DEADLINE: '10s', POSTBACK_LEASE: '20s', LOG_LEVEL: 'info' };
    const server = await startServe(env);
    t.after(() => server.kill('SIGKILL'));
    const { deliveryId } = await publishToReceiver(server.url, dataDir, receiver);
    await eventually('the receiver got the request', () => (receiver.requests.length === 1 ? true : undefined), 10_000);

    const signalledAt = performance.now();
    server.kill('SIGTERM');
    // well before the 10 s attempt deadline: the grace (300 ms) bounds the shutdown, not the deadline
    const exit = await exitWithin(server, 4_000);
    const tookMs = performance.now() - signalledAt;
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM (stderr: ${server.output().stderr})`);
    t.diagnostic(`exited ${tookMs.toFixed(0)} ms after SIGTERM`);
    assert.match(shutdownSummary(server.output().stdout).msg, /^shutdown complete: .*the grace ran out, so attempts still in flight were aborted and their leases released/);

    const state = readDatabase(dataDir, (db) => ({
      delivery: { ...db.prepare('SELECT status, lease_token, lease_expires_at, attempt_count FROM deliveries WHERE id = ?').get(deliveryId) },
      attempts: Number((db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE delivery_id = ?').get(deliveryId) as { n: number }).n),
    }));
    // the cut-short attempt is ours, not the receiver's failure: no attempt recorded, lease given back
    assert.deepEqual(state.delivery, { status: 'pending', lease_token: null, lease_expires_at: null, attempt_count: 0 });
    assert.equal(state.attempts, 0);

    // released means another worker takes it at once, not after the 20 s lease
    hang = false;
    const next = await startServe(env);
    t.after(() => next.kill('SIGKILL'));
    const restartedAt = performance.now();
    await eventually('the delivery delivered by the next process', () => {
      const status = readDatabase(dataDir, (db) => (db.prepare('SELECT status FROM deliveries WHERE id = ?').get(deliveryId) as { status: string }).status);
      return status === 'delivered' ? true : undefined;
    }, 8_000);
    t.diagnostic(`delivered by the next process ${(performance.now() - restartedAt).toFixed(0)} ms after it started (lease is 20 s)`);
    assert.equal(receiver.requests.length, 2);
    next.kill('SIGTERM');
    assert.deepEqual(await exitWithin(next, 10_000), { code: 0, signal: null });
  });
});

describe('postback simulate', () => {
  test('a refused --basic is reported at once, before any of the 1,000,000 journeys it may plan is drawn', async (t) => {
    const dataDir = await dataDirFor(t);
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir });
    t.after(() => server.kill('SIGKILL'));
    const { client_id: clientId } = await createAccountCli(dataDir);
    const forged = Buffer.from(`${clientId}:not-the-secret`).toString('base64');
    // drawn whole up front, that plan ran out of memory after minutes: runCli's own limit would kill it first
    const result = await runCli(['simulate', '--basic', forged, '--url', server.url, '--journeys', '1000000']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLineError(result), /the token request was refused \(401\): check --basic/);
  });

  test('a --url that is not Postback, not reachable, not http(s) or silent is named in one line (exit 2), with the cause', async (t) => {
    const html = await receiverFor(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a proxy</html>'));
    const noToken = await receiverFor(t, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    const silent = await receiverFor(t, () => {});
    const refused = await closedPort();
    const cases: [string, RegExp][] = [
      [html.url, /did not answer as Postback does \(200, text\/html\): is --url the address of `postback serve`\?/],
      [noToken.url, /did not answer as Postback does \(200, application\/json\)/],
      [`http://127.0.0.1:${refused}`, new RegExp(`cannot reach http://127.0.0.1:${refused} \\(ECONNREFUSED\\)`)],
      ['ftp://127.0.0.1/', /--url must be an http:\/\/ or https:\/\/ address/],
      // the token request has a deadline: a server that never answers is not waited on for fetch's 5 minutes
      [silent.url, /did not answer the token request within 10 s/],
    ];
    // five CLIs at once, one of them waiting out its 10 s: more than runCli's usual 30 s on a loaded machine
    const results = await Promise.all(cases.map(([url]) => runCli(['simulate', '--basic', 'eDp5', '--url', url], { timeoutMs: 90_000 })));
    for (const [index, [url, names]] of cases.entries()) {
      assert.equal(results[index]!.code, 2, `${url}: ${results[index]!.stderr}`);
      assert.match(oneLineError(results[index]!), names, url);
    }
    assert.equal(noToken.requests.length, 1, 'nothing sent with a token that is not one');
  });

  test('--help names every default and the server\'s rate limit; without --url, PORT and HOST say where serve is', async () => {
    const help = await runCli(['simulate', '--help']);
    assert.equal(help.code, 0);
    for (const names of [/--seed N .*\(default 1\)/, /--rate N .*\(default 20\)/, /--journeys N .*\(default 200\)/, /POSTBACK_RATE_LIMIT requests a minute per\s+client \(default 500/, /429 is waited out/, /--json /, /Ctrl-C/]) {
      assert.match(help.stdout, names);
    }
    const port = await closedPort();
    const result = await runCli(['simulate', '--basic', 'eDp5'], { env: { PORT: String(port), HOST: '0.0.0.0' } });
    assert.match(oneLineError(result), new RegExp(`cannot reach http://localhost:${port} `), 'the address account create prints');
  });

  test('the summary says how many steps were never sent and how many failures it does not list', () => {
    const lines: string[] = [];
    const out = { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) };
    const failures = Array.from({ length: 10 }, (_, index) => `create:approved: 409 Purchase "HP${index}" already exists`);
    printSimulationReport(out, { journeys: { begun: 40, ended: 40 }, steps: 60, failed: 25, skipped: 31, rateLimited: 2, byKind: { 'create:approved': 60 }, failures, interrupted: false }, { seed: 1, planned: 40 });
    assert.equal(lines[0], '60 steps, 25 failed (seed 1):');
    assert.ok(lines.includes('31 steps not sent: their journey stopped at a failed step.'), lines.join('\n'));
    assert.ok(lines.some((line) => /^2 answers were 429/.test(line)), lines.join('\n'));
    assert.equal(lines.at(-1), '  ... and 15 more failures');
  });

  test('Ctrl-C (SIGINT): no new step, the report of what was sent (--json), exit 130; every step it counts is in the store', { timeout: 60_000 }, async (t) => {
    const dataDir = await dataDirFor(t);
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir });
    t.after(() => server.kill('SIGKILL'));
    const { basic } = await createAccountCli(dataDir);
    const run = spawnCli(t, ['simulate', '--basic', basic, '--url', server.url, '--journeys', '1000', '--rate', '10', '--json'], { input: '' });
    await eventually('a few steps sent', () => (eventCount(dataDir) >= 5 ? true : undefined), 20_000);
    run.child.kill('SIGINT');
    const result = await within(run.result, 15_000, 'exit after SIGINT');
    assert.equal(result.code, 130, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.interrupted, true);
    assert.ok(report.steps >= 5 && report.journeys.begun < 1000, result.stdout);
    assert.equal(report.steps - report.failed, eventCount(dataDir), 'the steps it reports sent, and only those, reached the store');
  });

  test('--affiliate: a server that drops the set-up\'s request ends it with one line naming the request and why', async (t) => {
    const api = await fakePostback(t, (res) => res.socket?.destroy());
    const result = await runCli(['simulate', '--basic', 'eDp5', '--url', api.url, '--affiliate', 'acc_1', '--json']);
    assert.equal(result.code, 2, result.stderr);
    assert.match(oneLineError(result), new RegExp(`^postback: --affiliate: POST /api/v1/products: cannot reach ${escape(api.url)}/? \\(\\w+`));
  });

  test('the first Ctrl-C waits for the steps in flight and counts them; a second exits at once', { timeout: 60_000 }, async (t) => {
    const held: ServerResponse[] = [];
    const api = await fakePostback(t, (res) => held.push(res));
    const waiting = spawnCli(t, ['simulate', '--basic', 'eDp5', '--url', api.url, '--rate', '1000', '--json'], { input: '' });
    // 16 journeys in play, each with its step held by the server: nothing else can go out
    await eventually('16 steps in flight', () => (held.length === 16 ? true : undefined), 20_000);
    const stopping = () => (/^Stopping: no new step is sent; waiting for those in flight/m.test(waiting.output().stderr) ? true : undefined);
    waiting.child.kill('SIGINT');
    await eventually('the first SIGINT heard', stopping);
    for (const res of held.splice(0)) res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    const result = await within(waiting.result, 15_000, 'exit once the steps in flight were answered');
    assert.equal(result.code, 130, result.stderr);
    assert.deepEqual([JSON.parse(result.stdout).steps, JSON.parse(result.stdout).failed], [16, 0], 'answered after the signal, and counted');

    const impatient = spawnCli(t, ['simulate', '--basic', 'eDp5', '--url', api.url, '--rate', '1000', '--json'], { input: '' });
    await eventually('16 more steps in flight', () => (held.length === 16 ? true : undefined), 20_000);
    impatient.child.kill('SIGINT');
    // two signals sent together arrive as one: the second is sent once the first was heard
    await eventually('the first SIGINT heard', () => (/^Stopping: /m.test(impatient.output().stderr) ? true : undefined));
    impatient.child.kill('SIGINT');
    // the steps in flight would take their 30 s deadline
    const halted = await within(impatient.result, 10_000, 'exit after a second SIGINT');
    assert.deepEqual([halted.code, halted.stdout], [130, '']);
  });

  test('Ctrl-C on a terminal: the progress bar stops and gives the terminal its line wrap back before the summary', { timeout: 60_000, skip: spawnSync('script', ['--version']).status !== 0 && 'needs script(1) (util-linux) for a pseudo-terminal' }, async (t) => {
    const api = await fakePostback(t, (res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
    // script(1) runs the command on a pseudo-terminal and exits with its code (-e); ^C typed into it is SIGINT
    const run = spawnCli(t, ['simulate', '--basic', 'eDp5', '--url', api.url, '--journeys', '100000', '--rate', '50'], {
      via: (command) => ['script', '-qec', command.join(' '), '/dev/null'],
    });
    await eventually('the bar shows steps sent', () => (/\| [1-9]\d* steps, 0 failed/.test(run.output().stdout) ? true : undefined), 20_000);
    run.child.stdin.write('\u0003');
    const result = await within(run.result, 15_000, 'exit after ^C');
    assert.equal(result.code, 130, result.stdout);
    const wrapOff = result.stdout.indexOf('\u001b[?7l');
    const wrapOn = result.stdout.lastIndexOf('\u001b[?7h');
    assert.ok(wrapOff >= 0 && wrapOn > wrapOff, 'line wrap turned off by the bar, and on again');
    assert.ok(result.stdout.indexOf(' steps, 0 failed (seed 1):') > wrapOn, 'the summary comes after the bar is gone');
    assert.match(result.stdout, /Interrupted: \d+ of 100000 journeys begun/);
  });
});

/** An account (via the CLI), a webhook to `receiver`, one PURCHASE_APPROVED published: returns its delivery. */
async function publishToReceiver(url: string, dataDir: string, receiver: Receiver): Promise<{ eventId: string; deliveryId: string }> {
  const account = await createAccountCli(dataDir);
  const token = await accessToken(url, account.basic);
  const auth = { authorization: `Bearer ${token}` };
  const webhook = await callJson('POST', `${url}/api/v1/webhooks`, { headers: auth, body: { name: 'slow', url: `${receiver.url}/hook`, events: ['PURCHASE_APPROVED'] } });
  assert.equal(webhook.status, 201, webhook.text);
  const fixture = readFixture('PURCHASE_APPROVED.json');
  const published = await callJson('POST', `${url}/api/v1/events`, { headers: { ...auth, 'idempotency-key': 'sigterm-1' }, body: { event: 'PURCHASE_APPROVED', data: fixture.data } });
  assert.equal(published.status, 202, published.text);
  assert.equal(published.body.deliveries.length, 1);
  return { eventId: published.body.id, deliveryId: published.body.deliveries[0].id };
}

/** The log line a graceful shutdown ends with (LOG_LEVEL=info): one, the last. */
function shutdownSummary(stdout: string): { msg: string; pid: number; hostname: string; processRole: string } {
  const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  const summaries = lines.filter((line) => /^shutdown complete/.test(line.msg));
  assert.equal(summaries.length, 1, `one summary line, in:\n${stdout}`);
  assert.equal(lines.at(-1), summaries[0], 'the last line');
  return summaries[0];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
