// Standard Webhooks signatures: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")).
import { createHmac } from 'node:crypto';

/** The `webhook-signature` header value for one attempt. `secret` is the `whsec_` form. */
export function signatureHeader(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${signature}`;
}
