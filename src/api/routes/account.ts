// The caller's own account: read it (with its hottok), rotate the hottok, rotate the client secret.
import { z } from 'zod';
import { hashSecret, newHottok, randomToken } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import { callerCutOff, credentialOf } from '../auth.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { accountResponse, issuedClientSecret } from '../responses.ts';

const tags = ['Account'];

export function accountRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.get('/account', { schema: { summary: 'The account, with its Client ID and hottok', tags, response: { 200: accountResponse }, errors: ['not_found'] } }, async (request) => {
      const account = await deps.store.getAccount(request.accountId);
      if (!account) throw problem('not_found', 'This account no longer exists.');
      // a viewer sees no secret: the hottok is the one receivers trust (src/api/roles.ts)
      const hottok = request.role === 'viewer' ? null : account.hottok;
      return { id: account.id, name: account.name, kind: account.kind, client_id: account.clientId, hottok, created_at: new Date(account.createdAt).toISOString() };
    });
    app.post('/account/rotate-hottok', { schema: { summary: 'A new hottok, at once', tags, response: { 200: z.looseObject({ hottok: z.string() }) } } }, async (request) => {
      const hottok = newHottok();
      const caller = credentialOf(request);
      // fails closed: a caller cut off while this ran (a leaked token the owner's rotation revoked) neither changes nor learns the hottok
      const rotation = await deps.store.rotateHottok(request.accountId, hottok, caller, deps.clock());
      if (rotation.kind === 'caller_revoked') throw callerCutOff(caller, rotation);
      request.audit = { action: 'account.hottok_rotated', targetType: 'account', targetId: request.accountId };
      // receivers compare one static token, so the new one applies to every attempt from now on
      return { hottok };
    });
    app.post('/account/rotate-client-secret', { schema: {
      summary: 'A new client secret (shown once); the old one and its tokens stop at once (other API processes: within POSTBACK_TOKEN_CACHE_TTL)', tags, response: { 200: issuedClientSecret },
    } }, async (request) => {
      const clientSecret = randomToken(32);
      const caller = credentialOf(request);
      const rotation = await deps.store.rotateClientSecret(request.accountId, await hashSecret(clientSecret), caller, deps.clock());
      // fails closed: the caller was checked as it came in, but another rotation (or a sign-out, a removal) cut it off
      // before this one could commit; a leaked token must not replace the secret the owner has just made
      if (rotation.kind === 'caller_revoked') throw callerCutOff(caller, rotation);
      const clientId = rotation.clientId;
      request.audit = { action: 'account.client_secret_rotated', targetType: 'account', targetId: request.accountId, detail: { client_id: clientId } };
      // shown once; the old secret and every token it issued (this one included) stop working now
      return { client_id: clientId, client_secret: clientSecret, basic: Buffer.from(`${clientId}:${clientSecret}`).toString('base64') };
    });
  };
}
