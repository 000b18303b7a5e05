// OAuth2 client credentials (RFC 6749 §4.4): POST /oauth/token, and Hotmart's POST /security/oauth/token alias.
// Credentials come from the Basic header, the form body, or (Hotmart style) the query string.
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import { hashSecret, randomToken, sha256Hex, verifySecret } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { AuthFailures } from '../auth-failures.ts';

type Credentials = { clientId: string; clientSecret: string; grantType: string | undefined };

// verifying against a throwaway hash when the client id is unknown keeps both failures equally slow
const decoyHash = hashSecret(randomToken(24));

const oauthError = z.looseObject({ error: z.string(), error_description: z.string() }).meta({ description: 'RFC 6749 §5.2 error' });
// documented, not validated: the credentials may come from three places, and errors must stay RFC 6749's, not problem+json
const tokenSchema: FastifySchema = {
  summary: 'An access token (OAuth2 client credentials)', tags: ['Authentication'], security: 'client',
  description: 'Credentials in the Basic header, or as client_id/client_secret form fields, or (Hotmart style) in the query string with grant_type.',
  documentedBody: {
    contentTypes: ['application/x-www-form-urlencoded'],
    schema: z.object({ grant_type: z.literal('client_credentials'), client_id: z.string().optional(), client_secret: z.string().optional() }),
  },
  response: {
    200: z.looseObject({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number().int().meta({ description: 'Seconds (POSTBACK_TOKEN_TTL)' }) }),
    400: oauthError.meta({ description: 'unsupported_grant_type' }),
    401: oauthError.meta({ description: 'invalid_client' }),
  },
  examples: [{ name: 'basic', summary: 'With the Basic header', body: { grant_type: 'client_credentials' } }],
};

export function oauthRoutes(deps: Pick<ApiDeps, 'store' | 'config' | 'clock'> & { authFailures: AuthFailures }): FastifyPluginAsync {
  return async (app) => {
    // RFC 6749 token requests are form-encoded; the parser is scoped to this plugin only
    await app.register(formbody);
    const issue = async (request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      const credentials = readCredentials(request);
      if (credentials.grantType !== 'client_credentials') {
        return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Only grant_type=client_credentials is supported.' });
      }
      // charged to the address before the secret is checked (a 429 past the limit), never to the client it names
      await deps.authFailures.charge(request, reply);
      const client = credentials.clientId ? await deps.store.getApiClient(credentials.clientId) : null;
      const valid = await verifySecret(credentials.clientSecret, client?.secretHash ?? await decoyHash);
      const refuse = () => reply.code(401).header('www-authenticate', 'Basic realm="postback", charset="UTF-8"')
        .send({ error: 'invalid_client', error_description: 'Client authentication failed: check the Client ID and Client Secret (or the Basic value).' });
      if (!client || !valid) return refuse();
      const accessToken = randomToken(32);
      const now = deps.clock();
      // the secret was checked against the hash read above; a rotation since then wins (nothing saved, as if the secret
      // had been the old one all along), so no token outlives the secret that asked for it
      const saved = await deps.store.saveAccessToken({ tokenHash: sha256Hex(accessToken), accountId: client.accountId, clientId: client.clientId, secretHash: client.secretHash, issuedAt: now, expiresAt: now + deps.config.tokenTtlMs });
      if (!saved) return refuse();
      deps.authFailures.succeeded(request);
      return { access_token: accessToken, token_type: 'bearer', expires_in: Math.floor(deps.config.tokenTtlMs / 1000) };
    };
    app.post('/oauth/token', { schema: tokenSchema }, issue);
    app.post('/security/oauth/token', { schema: { ...tokenSchema, summary: 'The same, at Hotmart\'s path' } }, issue);
  };
}

function readCredentials(request: FastifyRequest): Credentials {
  const fields = { ...asStrings(request.query), ...asStrings(request.body) };
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  let clientId = fields.client_id ?? '';
  let clientSecret = fields.client_secret ?? '';
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // the header wins over fields (RFC 6749 §2.3.1: a client uses one method; Hotmart's docs send both, equal)
    if (colon > 0) { clientId = percentDecoded(decoded.slice(0, colon)); clientSecret = percentDecoded(decoded.slice(colon + 1)); }
  }
  return { clientId, clientSecret, grantType: fields.grant_type };
}

function asStrings(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** RFC 6749 form-encodes Basic credentials; ours never need it, so malformed escapes are taken literally. */
function percentDecoded(value: string): string {
  try { return decodeURIComponent(value); } catch { return value; }
}
