import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatabaseSync } from 'node:sqlite';
import { inTransaction, openDatabase } from './database.ts';

const opener = `import { openDatabase } from ${JSON.stringify(new URL('./database.ts', import.meta.url).href)}; openDatabase(process.argv[1]).close();`;

function open(file: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', opener, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

test('processes opening a new database file together apply each migration once (an api and a worker starting at once)', async () => {
  for (let round = 0; round < 4; round++) {
    const file = join(mkdtempSync(join(tmpdir(), 'postback-migrate-')), 'postback.db');
    const results = await Promise.all(Array.from({ length: 4 }, () => open(file)));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
  }
});

test('the connection keeps a page cache of 32 MiB (not SQLite\'s 2 MiB default) and its savepoint journals in memory', () => {
  const db = openDatabase(':memory:');
  try {
    assert.equal((db.prepare('PRAGMA cache_size').get() as { cache_size: number }).cache_size, -32 * 1024, 'KiB, as SQLite writes a size in KiB');
    assert.equal((db.prepare('PRAGMA temp_store').get() as { temp_store: number }).temp_store, 2, 'MEMORY');
  } finally {
    db.close();
  }
});

test('a transaction that a full disk ended reports the full disk, not the rollback that no longer had a transaction', () => {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE t (x TEXT)');
  // a database that may not grow: SQLite answers SQLITE_FULL as on a full disk, and rolls the transaction back itself
  db.exec('PRAGMA max_page_count = 8');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  assert.throws(() => inTransaction(db, () => { for (let row = 0; row < 100; row++) insert.run('x'.repeat(4000)); }), /database or disk is full/);
  assert.equal(db.isTransaction, false);
  db.close();
});
