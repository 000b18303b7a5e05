// A live `postback serve` (a real child process on 127.0.0.1, SQLite in a temp folder) with one account, for the
// integrations' tests (integrations/*/test): they drive it as Zapier or n8n would, over HTTP. Its dispatcher may
// send to 127.0.0.1, where the tests' targets listen; retries are quick so a test can watch one happen.
import { rm } from 'node:fs/promises';
import { accessToken, callJson, createAccountCli, exitWithin, freshDataDir, startServe } from './process.ts';
import type { JsonAnswer } from './process.ts';

export type LivePostback = {
  /** http://127.0.0.1:PORT */
  url: string;
  account: { account_id: string; client_id: string; client_secret: string; basic: string; hottok: string };
  /** Calls the API as the account (a fresh token per call is cheap and never stale). */
  call(method: string, path: string, body?: unknown): Promise<JsonAnswer>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function startLivePostback(): Promise<LivePostback> {
  const dataDir = await freshDataDir('postback-live-');
  const account = await createAccountCli(dataDir, 'Escola de Fotografia');
  const serve = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_RETRY_SCHEDULE: '0,200ms,200ms', POSTBACK_RETRY_JITTER: '0', POSTBACK_POLL_INTERVAL: '200ms', POSTBACK_RATE_LIMIT: '0' });
  return {
    url: serve.url,
    account,
    async call(method, path, body) {
      const token = await accessToken(serve.url, account.basic);
      return callJson(method, `${serve.url}${path}`, { body, headers: { authorization: `Bearer ${token}` } });
    },
    async [Symbol.asyncDispose]() {
      serve.kill('SIGTERM');
      await exitWithin(serve, 15_000).catch(() => serve.kill('SIGKILL'));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export { startHttpReceiver } from './hostile-receivers.ts';
export { eventually } from './eventually.ts';
