// Is this notification from our Postback account? The hottok (header, or the body's `hottok` field as Hotmart's test
// posts and the 1.0.0 form carry it), compared in constant time; and, when a signing secret is configured, the
// Standard Webhooks signature over the exact body bytes, within the timestamp tolerance. Both fail closed.
import { createHash, timingSafeEqual } from 'node:crypto';
import { signatureHeader } from '../../delivery/sign.ts';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Standard Webhooks (what the `standardwebhooks` package's verify does): `webhook-signature` holds space-separated
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` entries; one must match. A timestamp further than
 * `toleranceMs` from `now` is refused, so a captured request cannot be replayed later.
 */
export function checkSignature(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now: number, toleranceMs: number): SignatureCheck {
  const id = single(headers['webhook-id']);
  const timestamp = single(headers['webhook-timestamp']);
  const signatures = single(headers['webhook-signature']);
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds * 1000) > toleranceMs) return { ok: false, reason: 'webhook-timestamp is too old or too new' };
  const expected = signatureHeader([secret], id, seconds, body);
  const matches = signatures.split(' ').some((candidate) => candidate.startsWith('v1,') && sameSecret(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: 'no webhook-signature matches the signing secret' };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
