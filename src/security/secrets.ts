// Generation and hashing of every credential the platform issues.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** Random text from unreserved characters only (base64url): Basic-auth encoders never disagree on escaping it. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Same shape as Hotmart's hottok (a long opaque token) so receivers' length checks keep working. */
export function newHottok(): string {
  return randomToken(30);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

// scrypt N=2^15 costs ~50 ms per check here: slow enough to hurt offline guessing, fast enough for token issuing
const cost = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** A slow, salted hash of a client secret; the secret itself is never stored. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, 32, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  // fails closed: an unreadable hash never matches
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: cost.maxmem });
  return timingSafeEqual(actual, expected);
}
