// Wiring for `postback members`: its https files and the mailer (checked first: bad settings stop start-up with what
// to fix), the area's own store, the outbox sender and the HTTP app.
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createFailureThrottle } from '../api/failure-throttle.ts';
import { createMailer, MailSetupError } from '../mail/mailer.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MembersConfig } from './members-config.ts';
import { buildMembersApp } from './members-app.ts';
import { startOutboxSender } from './mail/outbox-sender.ts';
import type { OutboxSender } from './mail/outbox-sender.ts';
import { newDecoyHash } from './pages/student-routes.ts';
import { readTlsPair } from './tls-files.ts';
import { membersDbFile, openMembersStore } from './store/members-store.ts';
import { sharedDatabaseWarning } from '../store/sqlite/private-files.ts';
import type { MembersStore } from './store/members-store.ts';

export type RunningMembersArea = {
  /** Where it listens, e.g. https://127.0.0.1:8090. */
  url: string;
  /** The address in e-mails: POSTBACK_MEMBERS_PUBLIC_URL, or `url`. */
  publicUrl: string;
  mailer: Mailer;
  store: MembersStore;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export type MailSettings = { smtpUrl: string; from: string };

export async function startMembersArea(config: MembersConfig, mail: MailSettings, logger: Logger, clock: () => number = Date.now): Promise<RunningMembersArea> {
  // fails closed: the area's first job is e-mailing each buyer their password; without mail it would only pile them up
  if (mail.smtpUrl === '') throw new MailSetupError('SMTP_URL is required by postback members: it e-mails each buyer their sign-in details (smtp://user:password@host:587, or smtps:// for port 465).');
  const https = config.tlsCert === '' ? null : readTlsPair(config.tlsCert, config.tlsKey);
  const mailer = createMailer(mail);
  await mailer.verify();
  const store = openMembersStore(config.dataDir);
  const shared = sharedDatabaseWarning(membersDbFile(config.dataDir), "the members area's database, which holds students' names, e-mails and password hashes");
  if (shared) logger.warn({ paths: shared.paths }, shared.message);
  const steps: (() => unknown)[] = [() => mailer.close(), () => store.close()];
  const close = async () => { for (const step of steps.splice(0)) await Promise.resolve().then(step).catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed')); };
  try {
    let outbox: OutboxSender | null = null;
    const throttle = createFailureThrottle({ maxFailures: config.loginAttempts, windowMs: 15 * 60_000, clock });
    const app = await buildMembersApp({
      store, config, clock, logger, https, throttle, decoyHash: await newDecoyHash(), ttlMs: config.sessionTtlMs,
      products: new Set(config.products), delayGraceMs: config.delayGraceMs, mailQueued: () => outbox?.wake(),
    });
    steps.unshift(() => app.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address() as AddressInfo;
    const url = `${https ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    const publicUrl = config.publicUrl || url;
    // started once the address is known (the links in the mails); it sends at once what an earlier run left pending
    outbox = startOutboxSender({ store, mailer, config, publicUrl, clock, logger: logger.child({ role: 'outbox' }) });
    steps.unshift(() => outbox?.stop());
    return { url, publicUrl, mailer, store, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
