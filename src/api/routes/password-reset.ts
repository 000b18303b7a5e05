// Dashboard password reset, open (outside the auth hook): POST /api/v1/password-reset e-mails a one-time link valid
// for an hour; POST /api/v1/password-reset/complete sets the new password with it and ends every session of the user.
// The request is answered before anything depends on the address: the same 202, as fast, for a user's e-mail and for
// any other (sign-in equalises its timing the same way, session.ts). The link is made and mailed after the answer has
// gone; a mail server that does not take it is logged at error level, and the person asks again (no outbox: a reset
// link is worth a new request, not a retry an hour later).
import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { newPassword, normalizeEmail, userEmail } from '../../accounts/user-credentials.ts';
import { passwordResetMail } from '../../mail/password-reset-mail.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { hashSecret, randomToken, sha256Hex } from '../../security/secrets.ts';
import { noticeLanguages } from '../../store/notices.ts';
import type { ApiDeps } from '../api-deps.ts';
import { createFailureThrottle } from '../failure-throttle.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { noContent } from '../responses.ts';

/** How long a reset link works: long enough to open the mail, short enough that an old inbox is no key. */
const resetTtlMs = 60 * 60_000;
const tags = ['Dashboard sign-in'];
const requestBody = z.strictObject({ email: userEmail, language: z.enum(noticeLanguages).default('pt-BR').meta({ description: 'The e-mail\'s language (the dashboard sends its own)' }) });
const completeBody = z.strictObject({ token: z.string().min(1, { error: 'required' }).max(200), password: newPassword });

/** Stands for the token of a reset link in the documented example (test/openapi-examples.test.ts puts a real one). */
export const exampleResetToken = 'TOKEN_FROM_THE_EMAIL_LINK';

export type PasswordResetDeps = Pick<ApiDeps, 'store' | 'clock' | 'config'> & { mailer: Pick<Mailer, 'enabled' | 'send'>; publicUrl: () => string };

export function passwordResetRoutes(deps: PasswordResetDeps): ZodRoutes {
  // each request counts like a failed sign-in: a mailbox cannot be flooded, nor emails probed fast
  const throttle = createFailureThrottle({ maxFailures: deps.config.loginAttempts, windowMs: 15 * 60_000, clock: deps.clock });
  /** When a user has this e-mail: a one-time link, mailed. Never throws: a failure is logged at error level. */
  const mailLink = async (email: string, language: z.output<typeof requestBody>['language'], log: FastifyBaseLogger) => {
    try {
      const user = await deps.store.findUserByEmail(email);
      if (!user) return;
      const token = randomToken(32);
      const now = deps.clock();
      await deps.store.createPasswordReset({ tokenHash: sha256Hex(token), userId: user.id, expiresAt: now + resetTtlMs }, now);
      const link = `${deps.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`;
      await deps.mailer.send(passwordResetMail(user.email, link, language, resetTtlMs / 60_000));
    } catch (error) {
      log.error({ err: error }, 'password reset mail not sent: the mail server did not take it (check SMTP_URL and its log), or the link could not be stored');
    }
  };
  return async (app) => {
    app.post('/password-reset', { schema: {
      summary: 'E-mail a one-time link to choose a new password', tags, security: 'open', body: requestBody, response: { 202: noContent },
      description: 'Answers 202 at once, whether or not a user has this e-mail (no account is revealed, by the answer or by its time); the link is mailed afterwards, and a mail server that does not take it is logged on the server (ask again later). 503 `unavailable` when e-mail is off on this server (SMTP_URL is not set).',
      errors: ['rate_limited', 'unavailable'], examples: [{ name: 'forgot', summary: 'Forgot my password', body: { email: 'ana@example.com', language: 'pt-BR' } }],
    } }, async (request, reply) => {
      // fails closed, with what to do: without SMTP_URL no link can reach anyone
      if (!deps.mailer.enabled) throw problem('unavailable', 'E-mail is off on this server (SMTP_URL is not set), so no reset link can be sent. Ask whoever runs Postback to set SMTP_URL, or to create a new user for you.');
      const email = normalizeEmail(request.body.email);
      const key = `${email}\n${request.ip}`;
      const waitMs = throttle.retryAfterMs(key);
      if (waitMs > 0) {
        // like sign-in's 429: a client (or the dashboard) knows when to ask again without guessing
        const seconds = Math.ceil(waitMs / 1000);
        void reply.header('retry-after', String(seconds));
        throw problem('rate_limited', `Too many reset requests for this e-mail from your address; try again in ${Math.ceil(seconds / 60)} minute(s).`);
      }
      throttle.failed(key);
      const { language } = request.body;
      // 'close' comes once the answer has gone (or the client left): only then is the address looked at
      reply.raw.once('close', () => void mailLink(email, language, request.log));
      return reply.code(202).send();
    });
    app.post('/password-reset/complete', { schema: {
      summary: 'Set a new password with the link\'s token; every session of the user ends', tags, security: 'open', body: completeBody, response: { 204: noContent },
      errors: ['validation_failed'],
      examples: [{ name: 'new_password', summary: 'The token from the e-mail\'s link, and a new password', body: { token: exampleResetToken, password: 'a new long passphrase' } }],
    } }, async (request, reply) => {
      const now = deps.clock();
      const done = await deps.store.consumePasswordReset(sha256Hex(request.body.token), await hashSecret(request.body.password), now);
      if (!done) {
        const message = 'this link has expired or was already used; ask for a new one';
        throw problem('validation_failed', `Invalid body: body.token: ${message}`, [{ path: 'body.token', message }]);
      }
      // the account's owners see that a member's password was changed (a mailbox taken over leaves this trace); fails
      // open, like the audit hook: the password is already changed
      await deps.store.recordAudit({ id: uuidv7(), accountId: done.accountId, at: now, actor: done.email, action: 'user.password_reset', targetType: 'member', targetId: done.userId, targetName: done.email, detail: {} })
        .catch((error: unknown) => request.log.error({ err: error, action: 'user.password_reset' }, 'audit entry not recorded'));
      return reply.code(204).send();
    });
  };
}
