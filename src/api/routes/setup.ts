// First-run set-up: while no account exists, GET /api/v1/setup says so and POST creates the first account and its
// user, signs the user in and shows the account's credentials once. Once any account exists both are closed (409).
import { z } from 'zod';
import { setUpFirstAccount } from '../../accounts/set-up.ts';
import { setupBody } from '../../accounts/user-credentials.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { issuedAccount } from '../responses.ts';
import { startSession } from '../start-session.ts';

const tags = ['Dashboard sign-in'];

export function setupRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'config'>): ZodRoutes {
  return async (app) => {
    app.get('/setup', { schema: { summary: 'Whether first-run set-up is open (no account exists yet)', tags, security: 'open', response: { 200: z.looseObject({ available: z.boolean() }) } } }, async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { available: await deps.store.countAccounts() === 0 };
    });
    app.post('/setup', { schema: {
      summary: 'First-run set-up: the first account and its user, signed in; credentials shown once', tags, security: 'open', body: setupBody,
      response: { 201: issuedAccount.extend({ email: z.string(), csrf_token: z.string() }) }, errors: ['conflict'],
      examples: [{ name: 'first_run', summary: 'My store', body: { account_name: 'Minha Escola', email: 'ana@example.com', password: 'correct horse battery staple' } }],
    } }, async (request, reply) => {
      const body = request.body;
      // the store decides, in one step: racing set-ups (a double click, two API processes) make one account
      const outcome = await setUpFirstAccount(deps.store, { accountName: body.account_name, email: body.email, password: body.password }, deps.clock());
      if (outcome.kind === 'taken') {
        // teammates join the existing account by invitation; `postback account create` would make a separate account
        throw problem('conflict', 'Set-up is already done: an account exists. Sign in; to add someone to the account, an owner invites them from Team on the dashboard.');
      }
      const session = await startSession(deps, request, reply, outcome.owner);
      // the Client Secret is shown once, here, like `postback account create`
      return reply.code(201).send({ ...outcome.issued, email: outcome.owner.email, csrf_token: session.csrfToken });
    });
  };
}
