import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { createAccount } from '../../accounts/create-account.ts';
import { openStore } from '../open-store.ts';
import { migrateStore } from '../migrate-store.ts';
import { openMembersStore } from '../../members/store/members-store.ts';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

function capturingLogger() {
  const lines: { level: number; msg: string; paths?: string[] }[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { logger: pino({ level: 'warn' }, stream), warnings: () => lines.filter((line) => line.level === 40) };
}

test('a new data folder is made 0700, and postback.db, -wal, -shm and secret.key 0600', async (t) => {
  const parent = mkdtempSync(join(tmpdir(), 'postback-modes-'));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const dataDir = join(parent, 'nested', 'data');
  const { logger, warnings } = capturingLogger();
  const store = await openStore({ dataDir, secretKey: '' }, logger);
  try {
    await createAccount(store, { name: 'Loja', kind: 'producer' }, Date.now());
    assert.equal(modeOf(dataDir), '700');
    for (const file of ['postback.db', 'postback.db-wal', 'postback.db-shm', 'secret.key']) assert.equal(modeOf(join(dataDir, file)), '600', file);
    assert.deepEqual(warnings().filter((line) => line.paths), [], 'nothing to warn about');
  } finally {
    await store.close();
  }
});

test('an existing data folder or database file that others may read gets a warning at start-up naming each, and keeps its mode', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'postback-modes-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  chmodSync(dataDir, 0o755);
  writeFileSync(join(dataDir, 'postback.db'), '');
  chmodSync(join(dataDir, 'postback.db'), 0o644);
  mkdirSync(join(dataDir, 'backups'));
  const { logger, warnings } = capturingLogger();
  const store = await openStore({ dataDir, secretKey: '' }, logger);
  await store.close();
  const warning = warnings().find((line) => line.paths);
  assert.ok(warning, 'a warning at start-up');
  assert.deepEqual(warning.paths, [`${dataDir} (0755)`, 'postback.db (0644)']);
  assert.match(warning.msg, /personal data.*chmod 700/);
  assert.equal(modeOf(dataDir), '755', "the operator's choice is left alone");
});

test('`postback migrate` and the members area make their new data folders private too', async (t) => {
  const parent = mkdtempSync(join(tmpdir(), 'postback-modes-'));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  // migrate made the folder itself, with the default mode (0755), before the database made its file
  const dataDir = join(parent, 'migrated');
  await migrateStore({ dataDir });
  assert.equal(modeOf(dataDir), '700');
  assert.equal(modeOf(join(dataDir, 'postback.db')), '600');
  // the members area's database holds students' names, e-mails and password hashes
  const membersDir = join(parent, 'members', 'data');
  const members = openMembersStore(membersDir);
  members.close();
  for (const folder of [join(parent, 'members'), membersDir]) assert.equal(modeOf(folder), '700', folder);
  for (const file of ['members.db', 'members.db-wal', 'members.db-shm'].filter((name) => existsSync(join(membersDir, name)))) {
    assert.equal(modeOf(join(membersDir, file)), '600', file);
  }
  assert.ok(existsSync(join(membersDir, 'members.db')));
});
