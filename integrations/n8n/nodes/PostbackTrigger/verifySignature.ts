import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's webhook-timestamp may be from now (Standard Webhooks' usual tolerance). */
const toleranceSeconds = 5 * 60;

/**
 * Standard Webhooks: `webhook-signature` holds one or more `v1,<base64 HMAC-SHA256>` of `{id}.{timestamp}.{body}`,
 * keyed by the base64 part of the hook's `whsec_` secret. Fails closed: a missing header, a stale timestamp or a
 * body that is not the one signed all answer false.
 */
export function verifySignature(secret: string, headers: Record<string, string | string[] | undefined>, body: string, nowSeconds: number): boolean {
  const header = (name: string) => { const value = headers[name]; return Array.isArray(value) ? value[0] : value; };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
