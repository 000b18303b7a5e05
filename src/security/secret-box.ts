// Encryption at rest for secrets the platform must be able to use again (webhook signing secrets, hottoks):
// AES-256-GCM under one key from POSTBACK_SECRET_KEY or, failing that, a key file in the data directory.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundedMemo } from './bounded-memo.ts';
import { ConfigurationError } from '../config.ts';

export type SecretBox = { seal(plain: string): string; open(sealed: string): string };

const prefix = 'gcm1:';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  // a sealed value never changes (fresh nonce per seal), so its plaintext is remembered: the dispatcher and fan-out
  // open the same few secrets on every delivery and publish (the benchmark profile showed ~14 % in key set-up)
  const open = boundedMemo((sealed: string): string => {
    // fails closed: a value that is not ours, or was sealed under another key, is an error, never plaintext
    if (!sealed.startsWith(prefix)) throw new Error('stored secret is not sealed; refusing to use it');
    const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('a stored secret does not decrypt: POSTBACK_SECRET_KEY (or data/secret.key) is not the key it was sealed with');
    }
  });
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64')}`;
    },
    open,
  };
}

/** Whether `box` opens `sealed`: false for a value sealed under another key (or not sealed at all). */
export function opens(box: SecretBox, sealed: string): boolean {
  try {
    box.open(sealed);
    return true;
  } catch {
    return false;
  }
}

export type KeySource = { key: Buffer; origin: 'environment' | 'existing key file' | 'new key file'; file?: string };

/** POSTBACK_SECRET_KEY (32 bytes as base64 or hex) wins; otherwise `<dataDir>/secret.key`, created 0600 when missing. */
export function loadSecretKey(configured: string, dataDir: string): KeySource {
  if (configured !== '') return { key: decodeKey(configured), origin: 'environment' };
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return { key: readKeyFile(file), origin: 'existing key file', file };
  const key = randomBytes(32);
  // 'wx' fails if another process created it meanwhile; then that one's key is read
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: readKeyFile(file), origin: 'existing key file', file };
  }
  chmodSync(file, 0o600);
  return { key, origin: 'new key file', file };
}

function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code);
    // a container's bind mount of a key file that does not exist on the host makes a folder in its place
    const folder = code === 'EISDIR' ? ', and a folder is there' : '';
    throw new ConfigurationError(`${file} cannot be read (${code}): it must be a file holding the key, 32 random bytes as base64 or hex${folder}`);
  }
  return decodeKey(text.trim(), file);
}

function decodeKey(text: string, where = 'POSTBACK_SECRET_KEY'): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new ConfigurationError(`${where} must hold 32 random bytes as base64 or hex (e.g. \`openssl rand -base64 32\`)`);
  return key;
}
