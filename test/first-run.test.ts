// What a first run tells the person starting Postback: the start-up hint to set up an account only while there is
// none and only where there is a dashboard to do it in, and a set-up page that, once an account exists, sends
// teammates to an invitation rather than to a command that makes a separate account.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import { createAccountCli, freshDataDir, killAllChildren, startServe, startWorker } from './helpers/process.ts';
import { startPlatform } from './helpers/platform.ts';

after(killAllChildren);

const hint = /No account yet\?/;

async function dataDirFor(t: TestContext): Promise<string> {
  const dir = await freshDataDir('postback-first-run-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Everything a serve (or worker) process printed, read once it has exited: the banner may arrive in several chunks. */
async function bannerOf(process: { kill(signal: NodeJS.Signals): void; exited: Promise<unknown>; output(): { stdout: string } }): Promise<string> {
  process.kill('SIGTERM');
  await process.exited;
  return process.output().stdout;
}

test('serve prints the set-up hint while there is no account, not once there is one, and never on a worker', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  const first = await startServe({ POSTBACK_DATA_DIR: dataDir });
  t.after(() => first.kill('SIGKILL'));
  assert.match(await bannerOf(first), hint, 'no account yet: the hint');

  const worker = await startWorker({ POSTBACK_DATA_DIR: dataDir });
  t.after(() => worker.kill('SIGKILL'));
  assert.doesNotMatch(await bannerOf(worker), hint, 'a worker has no dashboard to set up in');

  await createAccountCli(dataDir);
  const later = await startServe({ POSTBACK_DATA_DIR: dataDir });
  t.after(() => later.kill('SIGKILL'));
  assert.doesNotMatch(await bannerOf(later), hint, 'an account exists: set-up is closed');
});

test('set-up after the first account: 409 pointing to an invitation from Team, not to `postback account create`', async () => {
  await using platform = await startPlatform();
  await platform.tenant();
  const again = await platform.request('POST', '/api/v1/setup', { body: JSON.stringify({ account_name: 'Loja', email: 'bia@example.com', password: 'correct horse battery' }), headers: { 'content-type': 'application/json' } });
  assert.equal(again.status, 409, again.text);
  assert.match(again.body.detail, /invites them from Team/);
  assert.doesNotMatch(again.body.detail, /account create/, 'that command makes a separate account, not a teammate');
});

test('set-up refuses an account name with control characters (422 naming the field), as `account create` does', async () => {
  await using platform = await startPlatform();
  const setUp = (accountName: string) => platform.request('POST', '/api/v1/setup', { body: JSON.stringify({ account_name: accountName, email: 'ana@example.com', password: 'correct horse battery' }), headers: { 'content-type': 'application/json' } });
  for (const name of ['Loja\nFake line', 'Loja \u001b[31mred', 'Loja\u0007', 'Loja\u0085']) {
    const refused = await setUp(name);
    assert.equal(refused.status, 422, `${JSON.stringify(name)}: ${refused.text}`);
    assert.deepEqual(refused.body.errors.map((error: { path: string; message: string }) => [error.path, error.message]), [['body.account_name', 'must not contain control characters (line breaks, tabs, escape sequences)']]);
  }
  assert.equal(await platform.store.countAccounts(), 0);
  assert.equal((await setUp('Escola da Ana')).status, 201);
});
