// Closing the store in a process that has nothing else to do. The checkpointer's worker thread never keeps a process
// alive (it is unreferenced), so while the store waited for it to close its connection, such a process could run out
// of work and exit with the close unfinished: before the last group commit and the store's own connection's close
// (Node's "unsettled top-level await", exit code 13). The micro benches ended that way.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const storeModule = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));
const secretBoxModule = fileURLToPath(new URL('../../security/secret-box.ts', import.meta.url));

test('a process whose last work is closing the store finishes the close', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-close-'));
  try {
    const script = `
      import { randomBytes } from 'node:crypto';
      import { createSqliteStore } from ${JSON.stringify(storeModule)};
      import { createSecretBox } from ${JSON.stringify(secretBoxModule)};
      const store = createSqliteStore(${JSON.stringify(join(dir, 'postback.db'))}, createSecretBox(randomBytes(32)));
      await store.close();
      console.log('closed');
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
    assert.equal(stdout.trim(), 'closed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
