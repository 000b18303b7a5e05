// Standard Webhooks signatures: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
import { createHmac, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { boundedMemo } from '../security/bounded-memo.ts';

/**
 * The `webhook-signature` header value for one attempt: one `v1,` signature per secret, space-separated, so that
 * during a rotation overlap a receiver holding either the old or the new `whsec_` secret can verify.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => `v1,${sign(secret, `${messageId}.${timestampSeconds}.${body}`)}`).join(' ');
}

// A webhook's few secrets sign every one of its deliveries: each is decoded into a KeyObject once, not per signature.
const keyFor = boundedMemo((secret: string): KeyObject =>
  createSecretKey(Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64')));

function sign(secret: string, content: string): string {
  return createHmac('sha256', keyFor(secret)).update(content).digest('base64');
}
