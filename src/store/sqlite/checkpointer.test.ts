// The checkpointer thread's side of starting the WAL over (wal-restart.test.ts shows the store's): it copies a long
// WAL into the database on its own thread, then gives its word.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startCheckpointer } from './checkpointer.ts';

test('the checkpointer copies a WAL of 16 MB or more into the database on its thread, then says it has caught up', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-checkpointer-'));
  const file = join(dir, 'postback.db');
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE pages (content BLOB)');
    // a page each: 4,600 pages of 4 KiB, past the 4,096 at which the thread gives its word
    db.exec('BEGIN');
    const insert = db.prepare('INSERT INTO pages (content) VALUES (randomblob(3900))');
    for (let page = 0; page < 4600; page++) insert.run();
    db.exec('COMMIT');
    const before = (await stat(file)).size;
    assert.ok(before < 1024 * 1024, `the database held ${before} bytes before any checkpoint`);

    let checkpointer: ReturnType<typeof startCheckpointer> | undefined;
    await new Promise<void>((resolve, reject) => {
      checkpointer = startCheckpointer(file, { intervalMs: 10, onCaughtUp: resolve, onLost: reject });
    });
    await checkpointer!.stop();
    const after = (await stat(file)).size;
    assert.ok(after >= 4600 * 4096, `the database held ${after} bytes after the word: the WAL was not copied`);
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a checkpointer never stopped does not keep its process alive', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-checkpointer-'));
  try {
    // a module file, not --eval: the worker's code is CommonJS, and `--input-type=module` would reach it too
    const script = join(dir, 'never-stopped.mjs');
    await writeFile(script, `import { startCheckpointer } from ${JSON.stringify(new URL('./checkpointer.ts', import.meta.url).href)};
      startCheckpointer(${JSON.stringify(join(dir, 'postback.db'))}, { onLost(error) { console.error(error); process.exitCode = 3; } });`);
    const child = spawn(process.execPath, [script], { stdio: 'inherit' });
    const [code] = await Promise.race([once(child, 'exit'), delay(20_000, ['still running'], { ref: false })]);
    child.kill();
    assert.equal(code, 0, 'the process did not exit with nothing left to do');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
