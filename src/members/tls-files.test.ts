import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { selfSignedPair } from '../../test/helpers/hostile-receivers.ts';
import { ConfigurationError } from '../config.ts';
import { readTlsPair } from './tls-files.ts';

test('the https files: a missing one, a file that is not PEM and a key of another certificate are each one line naming the settings', async (t) => {
  const [first, second] = [await selfSignedPair(), await selfSignedPair()];
  if (first === undefined || second === undefined) return t.skip('no openssl on this machine');
  const dir = await mkdtemp(join(tmpdir(), 'postback-members-tls-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem'), otherKey: join(dir, 'other-key.pem'), notPem: join(dir, 'notes.txt') };
  await Promise.all([writeFile(files.cert, first.cert), writeFile(files.key, first.key), writeFile(files.otherKey, second.key), writeFile(files.notPem, 'not a certificate')]);
  assert.deepEqual(readTlsPair(files.cert, files.key), { cert: first.cert, key: first.key });
  const refusals: [string, string, RegExp][] = [
    [join(dir, 'missing.pem'), files.key, /^POSTBACK_MEMBERS_TLS_CERT: cannot read .*missing\.pem \(ENOENT\)$/],
    [files.cert, dir, /^POSTBACK_MEMBERS_TLS_KEY: cannot read .* \(EISDIR\)$/],
    [files.notPem, files.key, /^POSTBACK_MEMBERS_TLS_CERT and POSTBACK_MEMBERS_TLS_KEY must be a PEM certificate and its private key \(/],
    [files.cert, files.otherKey, /^POSTBACK_MEMBERS_TLS_CERT and POSTBACK_MEMBERS_TLS_KEY must be a PEM certificate and its private key \(.*key values mismatch/],
  ];
  for (const [cert, key, message] of refusals) {
    assert.throws(() => readTlsPair(cert, key), (error: Error) => error instanceof ConfigurationError && message.test(error.message), `${cert} / ${key}`);
  }
});
