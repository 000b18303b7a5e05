import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { isStoreUnreachable } from './store-unavailable.ts';

/** The error node:sqlite raises when another connection holds the write lock past the busy timeout (here 0). */
async function sqliteBusyError(): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'postback-busy-'));
  const holder = new DatabaseSync(join(dir, 'store.db'));
  const waiter = new DatabaseSync(join(dir, 'store.db'), { timeout: 0 });
  try {
    holder.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE');
    try { waiter.exec('BEGIN IMMEDIATE'); } catch (error) { return error; }
    throw new Error('the second BEGIN IMMEDIATE was not refused');
  } finally {
    waiter.close();
    holder.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A port nothing listens on: taken from the kernel, then closed. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('SQLite busy past its timeout is unreachable; a receiver that refused a fetch, or any other error, is not', async () => {
  assert.equal(isStoreUnreachable(await sqliteBusyError()), true);
  // fetch's TypeError is caused by ECONNREFUSED: the cause is never read, a receiver is not the store
  const refusedFetch = await fetch(`http://127.0.0.1:${await closedPort()}/`).then(() => null, (error: unknown) => error);
  assert.equal((refusedFetch as { cause?: { code?: string } }).cause?.code, 'ECONNREFUSED');
  assert.equal(isStoreUnreachable(refusedFetch), false);
  for (const other of [new Error('boom'), new SyntaxError('Unexpected token'), Object.assign(new Error('relation "offers" does not exist'), { code: '42P01' }), null, 'ECONNREFUSED']) {
    assert.equal(isStoreUnreachable(other), false, String(other));
  }
});
