// Dashboard password reset, open (outside the auth hook): POST /api/v1/password-reset e-mails a one-time link valid
// for an hour; POST /api/v1/password-reset/complete sets the new password with it and ends every session of the user.
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
  return async (app) => {
    app.post('/password-reset', { schema: {
      summary: 'E-mail a one-time link to choose a new password', tags, security: 'open', body: requestBody, response: { 202: noContent },
      description: 'Answers 202 whether or not a user has this e-mail (no account is revealed); 503 `unavailable` when e-mail is off on this server (SMTP_URL is not set); 502 `mail_refused` when the mail server did not take the message (a temporary failure: try again in a few minutes).',
      errors: ['rate_limited', 'unavailable', 'mail_refused'], examples: [{ name: 'forgot', summary: 'Forgot my password', body: { email: 'ana@example.com', language: 'pt-BR' } }],
    } }, async (request, reply) => {
      // fails closed, with what to do: without SMTP_URL no link can reach anyone
      if (!deps.mailer.enabled) throw problem('unavailable', 'E-mail is off on this server (SMTP_URL is not set), so no reset link can be sent. Ask whoever runs Postback to set SMTP_URL, or to create a new user for you.');
      const email = normalizeEmail(request.body.email);
      const key = `${email}\n${request.ip}`;
      const waitMs = throttle.retryAfterMs(key);
      if (waitMs > 0) throw problem('rate_limited', `Too many reset requests for this e-mail from your address; try again in ${Math.ceil(waitMs / 60_000)} minute(s).`);
      throttle.failed(key);
      const user = await deps.store.findUserByEmail(email);
      if (user) {
        const token = randomToken(32);
        const now = deps.clock();
        await deps.store.createPasswordReset({ tokenHash: sha256Hex(token), userId: user.id, expiresAt: now + resetTtlMs }, now);
        const link = `${deps.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`;
        try {
          await deps.mailer.send(passwordResetMail(user.email, link, request.body.language, resetTtlMs / 60_000));
        } catch (error) {
          request.log.error({ err: error }, 'password reset mail not sent');
          // e-mail is on, the mail server refused or could not be reached: not "e-mail is off", a try later may work
          throw problem('mail_refused', 'The mail server did not take the message; try again in a few minutes. If it keeps failing, whoever runs Postback should check SMTP_URL and the mail server\'s log.');
        }
      }
      return reply.code(202).send();
    });
    app.post('/password-reset/complete', { schema: {
      summary: 'Set a new password with the link\'s token; every session of the user ends', tags, security: 'open', body: completeBody, response: { 204: noContent },
      errors: ['validation_failed'],
      examples: [{ name: 'new_password', summary: 'The token from the e-mail\'s link, and a new password', body: { token: exampleResetToken, password: 'a new long passphrase' } }],
    } }, async (request, reply) => {
      const done = await deps.store.consumePasswordReset(sha256Hex(request.body.token), await hashSecret(request.body.password), deps.clock());
      if (!done) {
        const message = 'this link has expired or was already used; ask for a new one';
        throw problem('validation_failed', `Invalid body: body.token: ${message}`, [{ path: 'body.token', message }]);
      }
      return reply.code(204).send();
    });
  };
}
