// A Postback ready to measure: a data folder, a `postback serve` process, an account, a token and a publisher.
import { accessToken, createPublisher, createWebhooks } from './api-client.ts';
import type { Publisher } from './api-client.ts';
import { createAccount, startPostback } from './postback-process.ts';
import type { PostbackProcess, StartOptions } from './postback-process.ts';
import { makeTempDir, removeTempDir } from './temp-dirs.ts';

export type ReadyPostback = {
  server: PostbackProcess;
  env: Record<string, string>;
  dataDir: string;
  token: string;
  publisher: Publisher;
  /** Creates one PURCHASE_APPROVED webhook per receiver URL. */
  addWebhooks(urls: string[]): Promise<string[]>;
  /** Stops the server (SIGTERM) and removes the data folder. */
  close(): Promise<void>;
};

export type SetupOptions = { label: string; env: Record<string, string>; role?: StartOptions['role']; cpuProfile?: StartOptions['cpuProfile'];
  /** Runs right after the server is up, before anything is written (the PostgreSQL check). */
  check?: (server: PostbackProcess) => Promise<void> };

export async function startReadyPostback(options: SetupOptions): Promise<ReadyPostback> {
  const dataDir = makeTempDir(`postback-bench-${options.label}-`);
  const env = { POSTBACK_DATA_DIR: dataDir, ...options.env };
  const server = await startPostback({ env, role: options.role ?? 'all', ...(options.cpuProfile ? { cpuProfile: options.cpuProfile } : {}) })
    .catch(async (error: unknown) => { await removeTempDir(dataDir); throw error; });
  const close = async (): Promise<void> => {
    await server.stop();
    await removeTempDir(dataDir);
  };
  try {
    await options.check?.(server);
    // after the server, never beside it: two processes migrating a fresh SQLite file at once can collide
    const account = await createAccount(env);
    const token = await accessToken(server.url!, account.basic);
    const publisher = createPublisher(server.url!, '/api/v1/events', { authorization: `Bearer ${token}` });
    return {
      server, env, dataDir, token, publisher,
      addWebhooks: (urls) => createWebhooks(server.url!, token, urls),
      async close() { await publisher.close(); await close(); },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
