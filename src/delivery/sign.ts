// Standard Webhooks signatures: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
import { createHmac } from 'node:crypto';

/**
 * The `webhook-signature` header value for one attempt: one `v1,` signature per secret, space-separated, so that
 * during a rotation overlap a receiver holding either the old or the new `whsec_` secret can verify.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => `v1,${sign(secret, `${messageId}.${timestampSeconds}.${body}`)}`).join(' ');
}

function sign(secret: string, content: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return createHmac('sha256', key).update(content).digest('base64');
}
