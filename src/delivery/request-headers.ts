// The headers of one attempt: content type, user agent, the Hotmart token and the Standard Webhooks trio.
import { userAgent } from '../version.ts';
import { signatureHeader } from './sign.ts';
import { maskedSecret } from './mask-secrets.ts';

/** `contentType` null: a request without a body (a GET postback); `hottok` null: a request that must not carry it. */
export type HeaderInput = { messageId: string; body: string; contentType: string | null; secrets: readonly string[]; hottok: string | null; timestampSeconds: number };

/**
 * Hotmart's token header as Hotmart spells it on the wire. Header names are case-insensitive in HTTP, but a gateway
 * that keeps their case (AWS API Gateway's REST proxy) hands a receiver `headers['X-HOTMART-HOTTOK']`, as Hotmart's do.
 */
export const hottokHeader = 'X-HOTMART-HOTTOK';

/** The headers as sent (the hottok in Hotmart's spelling); maskHeaders gives what the history keeps. */
export function requestHeaders(input: HeaderInput): Record<string, string> {
  return {
    ...(input.contentType === null ? {} : { 'content-type': input.contentType }),
    'user-agent': userAgent,
    ...(input.hottok === null ? {} : { [hottokHeader]: input.hottok }),
    'webhook-id': input.messageId,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': signatureHeader(input.secrets, input.messageId, input.timestampSeconds, input.body),
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
