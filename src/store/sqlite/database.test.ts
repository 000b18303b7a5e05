import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './database.ts';

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
