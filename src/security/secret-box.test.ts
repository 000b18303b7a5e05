import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSecretBox, loadSecretKey } from './secret-box.ts';

test('seals with a fresh nonce each time and opens only under the same key', () => {
  const box = createSecretBox(randomBytes(32));
  const a = box.seal('whsec_abc');
  const b = box.seal('whsec_abc');
  assert.notEqual(a, b);
  assert.ok(!a.includes('abc'));
  assert.equal(box.open(a), 'whsec_abc');
  assert.equal(box.open(a), 'whsec_abc', 'opened again (remembered)');
  assert.throws(() => createSecretBox(randomBytes(32)).open(a), /does not decrypt/);
  assert.throws(() => box.open('whsec_plain'), /not sealed/);
  const tampered = `${a.slice(0, -4)}AAAA`;
  assert.throws(() => box.open(tampered));
});

test('the key comes from the environment, else from a 0600 key file created once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postback-key-'));
  const created = loadSecretKey('', dir);
  assert.equal(created.origin, 'new key file');
  assert.equal(statSync(join(dir, 'secret.key')).mode & 0o777, 0o600);
  const again = loadSecretKey('', dir);
  assert.equal(again.origin, 'existing key file');
  assert.deepEqual(again.key, created.key);
  const fromEnv = loadSecretKey(randomBytes(32).toString('base64'), dir);
  assert.equal(fromEnv.origin, 'environment');
  assert.throws(() => loadSecretKey('too-short', dir), /32 random bytes/);
});
