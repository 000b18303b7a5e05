// Dashboard sign-in: POST /api/v1/session (open), GET /api/v1/session (who am I + CSRF token), DELETE (sign out).
import { normalizeEmail, signInBody } from '../../accounts/user-credentials.ts';
import { hashSecret, randomToken, verifySecret } from '../../security/secrets.ts';
import type { Account, Role, Store } from '../../store/store.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { AuthFailures } from '../auth-failures.ts';
import { createFailureThrottle } from '../failure-throttle.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { expiredSessionCookie } from '../session-cookie.ts';
import { noContent, sessionResponse } from '../responses.ts';
import { startSession } from '../start-session.ts';
import type { AccountId } from '../../domain/ids.ts';

const tags = ['Dashboard sign-in'];
/** The user the examples sign in as: test/openapi-examples.test.ts creates it. */
export const exampleUser = { email: 'ana@example.com', password: 'correct horse battery staple' };

type Deps = Pick<ApiDeps, 'store' | 'clock' | 'config'>;

// verifying against a throwaway hash when the email is unknown makes both failures equally slow (no user enumeration)
const decoyHash = hashSecret(randomToken(24));
const throttleWindowMs = 15 * 60_000;

/** `role`: the user's in the account, or an API client's ('owner'): what the dashboard offers follows it. */
export function presentSession(account: Pick<Account, 'id' | 'name' | 'kind'>, user: { id: string; email: string } | null, csrfToken: string | null, expiresAt: number | null, role: Role = 'owner') {
  return {
    account: { id: account.id, name: account.name, kind: account.kind },
    user,
    role,
    csrf_token: csrfToken,
    expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}

async function accountOf(store: Pick<Store, 'getAccount'>, accountId: AccountId): Promise<Account> {
  const account = await store.getAccount(accountId);
  if (!account) throw problem('not_found', 'This account no longer exists.');
  return account;
}

/** POST /session: open, outside the auth hook. */
export function signInRoutes(deps: Deps & { authFailures: AuthFailures }): ZodRoutes {
  const throttle = createFailureThrottle({ maxFailures: deps.config.loginAttempts, windowMs: throttleWindowMs, clock: deps.clock });
  return async (app) => {
    app.post('/session', { schema: {
      summary: 'Sign in to the dashboard: sets the session cookie', tags, security: 'open', body: signInBody, response: { 200: sessionResponse },
      errors: ['invalid_credentials', 'rate_limited'], examples: [{ name: 'sign_in', summary: 'Email and password', body: exampleUser }],
    } }, async (request, reply) => {
      const body = request.body;
      const email = normalizeEmail(body.email);
      const key = `${email}\n${request.ip}`;
      const waitMs = throttle.retryAfterMs(key);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        void reply.header('retry-after', String(seconds));
        throw problem('rate_limited', `Too many failed sign-ins for this email from your address; try again in ${Math.ceil(seconds / 60)} minute(s).`);
      }
      // charged to the address before the password is checked: spraying many emails from one address is limited too
      await deps.authFailures.charge(request, reply);
      const user = email === '' ? null : await deps.store.findUserByEmail(email);
      const valid = await verifySecret(body.password, user?.passwordHash ?? await decoyHash);
      if (!user || !valid) {
        throttle.failed(key);
        throw problem('invalid_credentials', 'The email or the password is wrong. Check both and try again.');
      }
      throttle.succeeded(key);
      deps.authFailures.succeeded(request);
      const session = await startSession(deps, request, reply, user);
      return presentSession(await accountOf(deps.store, user.accountId), { id: user.id, email: user.email }, session.csrfToken, session.expiresAt, user.role);
    });
  };
}

/** GET and DELETE /session: inside the auth hook (a bearer token gets its account and no user). */
export function currentSessionRoutes(deps: Pick<ApiDeps, 'store'>): ZodRoutes {
  return async (app) => {
    app.get('/session', { schema: { summary: 'Who am I, and the CSRF token for changes made with the cookie', tags, response: { 200: sessionResponse }, errors: ['not_found'] } }, async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const account = await accountOf(deps.store, request.accountId);
      const session = request.session;
      return session === null
        ? presentSession(account, null, null, null)
        : presentSession(account, { id: session.userId, email: session.email }, session.csrfToken, session.expiresAt, session.role);
    });
    app.delete('/session', { schema: { summary: 'Sign out: the session ends everywhere', tags, response: { 204: noContent } } }, async (request, reply) => {
      // signing out deletes the session row, so the cookie is dead even if a copy of it survives somewhere
      if (request.session !== null) await deps.store.deleteSession(request.session.tokenHash);
      return reply.code(204).header('set-cookie', expiredSessionCookie(request)).send();
    });
  };
}
