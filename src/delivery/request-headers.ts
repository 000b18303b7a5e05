// The headers of one attempt: content type, user agent, the Hotmart token, the Standard Webhooks trio, and on a test
// send Postback's test marker.
import { userAgent } from '../version.ts';
import { signatureHeader } from './sign.ts';
import { maskedSecret } from './mask-secrets.ts';

/**
 * `contentType` null: a request without a body (a GET postback); `hottok` null: a request that must not carry it;
 * `test` true: a test send ("Send test", the members-area button's test post), marked with testHeader.
 */
export type HeaderInput = { messageId: string; body: string; contentType: string | null; secrets: readonly string[]; hottok: string | null; timestampSeconds: number; test?: boolean };

/**
 * Hotmart's token header as Hotmart spells it on the wire. Header names are case-insensitive in HTTP, but a gateway
 * that keeps their case (AWS API Gateway's REST proxy) hands a receiver `headers['X-HOTMART-HOTTOK']`, as Hotmart's do.
 */
export const hottokHeader = 'X-HOTMART-HOTTOK';

/**
 * Marks a test send on the wire (value `1`); a real sale never carries it. Without it a receiver cannot tell the
 * catalogue's sample from a sale: a scoped webhook's sample carries one of its own products, so `postback members`
 * opened the course for the sample buyer and mailed them a password. Not covered by the signature (Standard
 * Webhooks signs id, timestamp and body): it can only make a receiver do less, never grant.
 */
export const testHeader = 'x-postback-test';

/** The headers as sent (the hottok in Hotmart's spelling); maskHeaders gives what the history keeps. */
export function requestHeaders(input: HeaderInput): Record<string, string> {
  return {
    ...(input.contentType === null ? {} : { 'content-type': input.contentType }),
    'user-agent': userAgent,
    ...(input.hottok === null ? {} : { [hottokHeader]: input.hottok }),
    'webhook-id': input.messageId,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': signatureHeader(input.secrets, input.messageId, input.timestampSeconds, input.body),
    ...(input.test === true ? { [testHeader]: '1' } : {}),
  };
}

/** The hottok as the history shows it, in headers and 1.0.0 bodies: a shared secret, so only its last 4 characters remain. */
export function maskHottok(token: string): string {
  return maskedSecret(token);
}

/** What the history keeps: the headers by their lower-cased names (as responses' are), the hottok masked. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => {
    const lower = name.toLowerCase();
    return [lower, lower === 'x-hotmart-hottok' ? maskHottok(value) : value];
  }));
}
