// Chooses the Store for this process. Nothing outside src/store knows which one is in use: DATABASE_URL set means
// PostgreSQL (shared by any number of processes), empty means the embedded SQLite file under the data directory.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ConfigurationError } from '../config.ts';
import type { Config } from '../config.ts';
import { createSecretBox, loadSecretKey } from '../security/secret-box.ts';
import { withAccessTokenCache } from './access-token-cache.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { defaultNoticeRule } from './notices.ts';
import type { NoticeRule } from './notices.ts';
import type { Store } from './store.ts';
import { createPrivately, sharedDatabaseWarning } from './sqlite/private-files.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

export type StoreOptions = Pick<Config, 'dataDir' | 'secretKey'> & Partial<Pick<Config, 'databaseUrl' | 'databasePool' | 'notifyAfterFailures' | 'tokenCacheTtlMs'>>;

/** Opens the store and brings its schema up to date (PostgreSQL: under an advisory lock, so processes may start together). */
export async function openStore(options: StoreOptions, logger?: Logger): Promise<Store> {
  // one cache per process, around whichever store it is (access-token-cache.ts: what it costs a revocation)
  return withAccessTokenCache(await openEitherStore(options, logger), { ttlMs: options.tokenCacheTtlMs ?? 0 });
}

async function openEitherStore(options: StoreOptions, logger?: Logger): Promise<Store> {
  if (options.databaseUrl) {
    // fails closed: processes sharing one database may run on several machines, and each would make its own key
    // file and be unable to read the secrets the others sealed; so the key must be given, the same to all of them
    if (options.secretKey === '') throw new ConfigurationError('POSTBACK_SECRET_KEY is required with DATABASE_URL: every process of one database must seal secrets with the same key; make one with `openssl rand -base64 32` and give it to every process');
    const box = createSecretBox(loadSecretKey(options.secretKey, options.dataDir).key);
    const store = await createPostgresStore({ url: options.databaseUrl, poolSize: options.databasePool ?? 10 }, box,
      (error) => logger?.warn({ err: error }, 'the LISTEN connection to PostgreSQL failed; dispatchers poll until it is back'), noticeRuleOf(options));
    return requireSealingKey(store, 'the secrets in the database were sealed with another key than POSTBACK_SECRET_KEY: give every process the key the database was first used with');
  }
  const file = sqliteFile(options.dataDir);
  createPrivately(file);
  const source = loadSecretKey(options.secretKey, options.dataDir);
  const shared = sharedDatabaseWarning(file, "the database, which holds buyers' personal data");
  if (shared) logger?.warn({ paths: shared.paths }, shared.message);
  const store = await requireSealingKey(createSqliteStore(file, createSecretBox(source.key), noticeRuleOf(options)), {
    'environment': `the secrets in ${file} were sealed with another key than POSTBACK_SECRET_KEY: set it to the key the database was first used with, or unset it to use ${join(options.dataDir, 'secret.key')}`,
    'existing key file': `the secrets in ${file} were sealed with another key than ${source.file}: put back the secret.key backed up with the database (or set POSTBACK_SECRET_KEY to it)`,
    'new key file': `the secrets in ${file} were sealed with a key, and ${options.dataDir} has no secret.key: put back the secret.key backed up with the database (or set POSTBACK_SECRET_KEY to it)`,
  }[source.origin], () => { if (source.origin === 'new key file') rmSync(source.file!, { force: true }); });
  if (source.origin !== 'environment') {
    logger?.warn({ keyFile: source.file }, `POSTBACK_SECRET_KEY is not set: secrets are encrypted with the ${source.origin} ${source.file}. Back it up with the database, or set POSTBACK_SECRET_KEY.`);
  }
  return store;
}

/**
 * Fails closed: with a key that does not open the secrets the database already holds (a database restored without its
 * secret.key, which start-up would otherwise replace with a new one), every delivery, webhook read and signature
 * would fail one by one. `undo` removes what opening made (that new key file), so the next start says the same.
 */
async function requireSealingKey(store: Store, refusal: string, undo = () => {}): Promise<Store> {
  if (await store.keyOpensSealedSecrets()) return store;
  await store.close();
  undo();
  throw new ConfigurationError(refusal);
}

/** Where the store lives, for start-up messages: never the password. */
export function describeStore(options: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>): string {
  if (!options.databaseUrl) return `SQLite at ${sqliteFile(options.dataDir)}`;
  try {
    const url = new URL(options.databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

const noticeRuleOf = (options: StoreOptions): NoticeRule => (options.notifyAfterFailures === undefined ? defaultNoticeRule : { failingAfter: options.notifyAfterFailures });

const sqliteFile = (dataDir: string) => join(dataDir, 'postback.db');
