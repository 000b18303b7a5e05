// Chooses the Store for this process. Nothing outside src/store knows which one is in use.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createSecretBox, loadSecretKey } from '../security/secret-box.ts';
import type { Store } from './store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

export function openStore(options: { dataDir: string; secretKey: string }, logger?: Logger): Store {
  mkdirSync(options.dataDir, { recursive: true });
  const source = loadSecretKey(options.secretKey, options.dataDir);
  if (source.origin !== 'environment') {
    logger?.warn({ keyFile: source.file }, `POSTBACK_SECRET_KEY is not set: secrets are encrypted with the ${source.origin} ${source.file}. Back it up with the database, or set POSTBACK_SECRET_KEY.`);
  }
  return createSqliteStore(join(options.dataDir, 'postback.db'), createSecretBox(source.key));
}
