// A real `postback serve` on SQLite while another process holds the file's write lock (an operator's sqlite3 shell in
// a write transaction, a second Postback on the same data folder, `postback account create` beside the server): the
// server keeps answering what needs no write (/healthz touches no database, /readyz only reads), a write waits for the
// lock without holding up anything else and commits once the lock is free, or answers 503 `store_unavailable` with
// Retry-After when the lock stays held past its wait, having applied nothing. Real processes, the real file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { accessToken, createAccountCli, freshDataDir, killAllChildren, readDatabase, startServe } from './helpers/process.ts';

/**
 * How long /healthz and /readyz may take while the lock is held elsewhere: generous for a loaded machine (they answer
 * in milliseconds), and still below the 5 s a write waits for the lock, for which a server whose thread waited in
 * SQLite's busy handler answered nothing at all.
 */
const answerDeadlineMs = 3_000;

/** What holds the write lock: the other process opens the file with node:sqlite, BEGIN IMMEDIATE, and waits for a line on stdin. */
const holderSource = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { timeout: 5000 });
db.exec('BEGIN IMMEDIATE');
db.exec("UPDATE accounts SET name = name || ' (held)'");
process.stdout.write('held\\n');
process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); });
`;

type Holder = { child: ChildProcess; release(): Promise<void> };

async function holdWriteLock(dataDir: string): Promise<Holder> {
  const child = spawn(process.execPath, ['-e', holderSource, join(dataDir, 'postback.db')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const said = (line: string) => new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => { out += chunk.toString(); if (out.includes(`${line}\n`)) { child.stdout!.off('data', onData); resolve(); } };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before saying ${line}`)));
  });
  await said('held');
  return {
    child,
    async release() {
      const released = said('released');
      child.stdin!.end('release\n');
      await released;
    },
  };
}

/** /healthz and /readyz, one after the other, each within the deadline, until `pending` settles. */
async function answersMeanwhile(url: string, pending: Promise<unknown>): Promise<number> {
  let settled = false;
  void pending.finally(() => { settled = true; }).catch(() => {});
  let answers = 0;
  do {
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(answerDeadlineMs) }).catch((error: unknown) => {
        throw new Error(`${path} did not answer within ${answerDeadlineMs} ms while another process held the write lock: ${String(error)}`);
      });
      await response.arrayBuffer();
      if (path === '/healthz') assert.equal(response.status, 200);
      answers++;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (!settled);
  return answers;
}

test('another process holds the SQLite write lock: the server keeps answering; a write waits for the lock, commits once it is free, or answers 503 store_unavailable having applied nothing', { timeout: 60_000 }, async () => {
  const dataDir = await freshDataDir('postback-lock-held-');
  const holders: Holder[] = [];
  try {
    const account = await createAccountCli(dataDir);
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir });
    const token = await accessToken(server.url, account.basic);
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method, body: body === undefined ? null : JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      const text = await response.text();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), text, body: JSON.parse(text) };
    };
    const sample = (await api('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;

    // held past the wait: both kinds of write (a lone statement, a group-committed publish) give up with 503
    const held = await holdWriteLock(dataDir);
    holders.push(held);
    const product = api('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' });
    const publish = api('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sample });
    assert.ok(await answersMeanwhile(server.url, Promise.all([product, publish])) > 0);
    for (const [what, answer] of Object.entries({ product: await product, publish: await publish })) {
      assert.deepEqual([answer.status, answer.body.code, answer.retryAfter], [503, 'store_unavailable', '1'], `${what}: ${answer.text}`);
    }
    await held.release();
    readDatabase(dataDir, (db) => {
      assert.equal(Number(db.prepare('SELECT COUNT(*) AS n FROM events').get()!.n), 0, 'the refused publish left nothing');
      assert.equal(Number(db.prepare('SELECT COUNT(*) AS n FROM products').get()!.n), 0, 'nor the refused product');
    });

    // held a moment: the waiting write commits once the lock is free, and the server answered meanwhile
    const moment = await holdWriteLock(dataDir);
    holders.push(moment);
    const waiting = api('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' });
    const published = api('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sample });
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(answerDeadlineMs) });
      await response.arrayBuffer();
    }
    await moment.release();
    assert.equal((await waiting).status, 201, (await waiting).text);
    assert.equal((await published).status, 202, (await published).text);
    assert.equal((await api('GET', '/api/v1/products/3718245')).status, 200);
    server.kill('SIGTERM');
  } finally {
    for (const holder of holders) holder.child.kill('SIGKILL');
    await killAllChildren();
  }
});
