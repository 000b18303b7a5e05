// Temporary folders of a bench run (data directories, PostgreSQL's files): removed by whoever made them, and, if
// the bench is interrupted (Ctrl-C) or crashes first, removed as the process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
process.once('exit', () => {
  for (const dir of made) {
    // best effort at exit: a folder another process is still writing into (PostgreSQL stopping) is retried, then left
    try { rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }); } catch { /* left in the temp folder */ }
  }
});

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  made.delete(dir);
}
