// The dashboard's session cookie: HttpOnly (scripts never see it), SameSite=Strict (other sites never send it),
// Secure when the request came over https, and scoped to the API path, the only place that reads it.
import type { FastifyRequest } from 'fastify';

export const sessionCookieName = 'postback_session';
const cookiePath = '/api/v1';

/** The session token from a Cookie header, or undefined when there is none (or it is not one we could have issued). */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    // fails closed: a value outside base64url is not a token we issued and is treated as no cookie
    if (name === sessionCookieName && /^[A-Za-z0-9_-]{20,100}$/.test(value.join('='))) return value.join('=');
  }
  return undefined;
}

/** Behind a TLS-terminating proxy, `request.protocol` is https only when Fastify trusts the proxy's X-Forwarded-Proto. */
const secureFlag = (request: FastifyRequest): string => (request.protocol === 'https' ? '; Secure' : '');

export function sessionCookie(request: FastifyRequest, token: string, maxAgeMs: number): string {
  return `${sessionCookieName}=${token}; Path=${cookiePath}; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; SameSite=Strict${secureFlag(request)}`;
}

export function expiredSessionCookie(request: FastifyRequest): string {
  return `${sessionCookieName}=; Path=${cookiePath}; Max-Age=0; HttpOnly; SameSite=Strict${secureFlag(request)}`;
}
