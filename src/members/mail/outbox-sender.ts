// Sends the outbox: each due mail is composed when it goes (a credentials mail makes the student's password then, a
// reset mail its one-time link, so no secret ever waits in the database), handed to the one mailer, and marked sent;
// a failure is recorded with its error and tried again on the POSTBACK_MEMBERS_MAIL_RETRY schedule, forever (its last
// wait repeats), so a mail is never lost and the admin page shows why it has not gone yet.
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { hashSecret, randomToken, sha256Hex } from '../../security/secrets.ts';
import type { MembersConfig } from '../members-config.ts';
import type { OutboxMail } from '../store/members-records.ts';
import type { MembersStore } from '../store/members-store.ts';
import { composeMail } from './compose-mail.ts';
import { mailMessages } from './mail-messages.ts';

export type OutboxDeps = {
  store: MembersStore;
  mailer: Pick<Mailer, 'send'>;
  config: Pick<MembersConfig, 'mailRetry' | 'resetTtlMs'>;
  /** The area's public address, without a trailing slash: the links in the mails. */
  publicUrl: string;
  clock: () => number;
  logger: Logger;
};

export type OutboxSender = { wake(): void; stop(): Promise<void> };

// an idle sender still looks every minute: a wake-up is only a hint, the due time in the table is the truth
const idlePollMs = 60_000;

export function startOutboxSender(deps: OutboxDeps): OutboxSender {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    const next = deps.store.nextMailDueAt();
    const wait = next === null ? idlePollMs : Math.min(idlePollMs, Math.max(0, next - deps.clock()));
    timer = setTimeout(wake, wait);
    timer.unref();
  };
  const run = async () => {
    do {
      again = false;
      for (const mail of deps.store.dueMails(deps.clock(), 10)) {
        if (stopped) return;
        await sendOne(deps, mail);
        again = true;
      }
    } while (again && !stopped);
  };
  function wake() {
    if (stopped) return;
    if (running) { again = true; return; }
    running = run().catch((error: unknown) => deps.logger.error({ err: error }, 'outbox run failed')).finally(() => { running = null; schedule(); });
  }
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function sendOne(deps: OutboxDeps, mail: OutboxMail): Promise<void> {
  try {
    await deps.mailer.send(await compose(deps, mail));
    deps.store.markMailSent(mail.id, deps.clock());
  } catch (error) {
    const waits = deps.config.mailRetry;
    const next = deps.clock() + waits[Math.min(mail.attempts, waits.length - 1)]!;
    deps.store.markMailFailed(mail.id, (error as Error).message.slice(0, 500), next);
    deps.logger.warn({ mail: mail.id, kind: mail.kind, attempts: mail.attempts + 1, next: new Date(next).toISOString(), err: (error as Error).message }, 'e-mail not sent; it will be tried again');
  }
}

async function compose(deps: OutboxDeps, mail: OutboxMail): Promise<MailMessage> {
  const student = deps.store.getStudent(mail.email);
  // our bug if it happens (students are created with their first mail), recorded against the mail like any failure
  if (!student) throw new Error(`no student ${mail.email}`);
  const messages = mailMessages[student.language];
  const product = mail.productId === null ? '' : deps.store.getEnrolment(mail.email, mail.productId)?.productName ?? mail.productId;
  const signInUrl = `${deps.publicUrl}/`;
  switch (mail.kind) {
    case 'credentials': {
      const password = newStudentPassword();
      // the hash is saved before the mail goes: when it arrives, the password in it works. Unless the student chose
      // their own since the mail was queued (a reset while this mail waited on a refusing SMTP server): theirs stays,
      // and the mail says the course is open, to sign in with the password they use
      if (!deps.store.setMailedPassword(student.email, await hashSecret(password), mail.createdAt)) {
        return composeMail(student.email, student.language, messages.courseOpened({ name: student.name, product, signInUrl }));
      }
      return composeMail(student.email, student.language, messages.credentials({ name: student.name, product, email: student.email, password, signInUrl }));
    }
    case 'course_opened':
      return composeMail(student.email, student.language, messages.courseOpened({ name: student.name, product, signInUrl }));
    case 'password_reset': {
      const token = randomToken(32);
      const now = deps.clock();
      deps.store.saveResetToken(sha256Hex(token), student.email, now + deps.config.resetTtlMs, now);
      const resetUrl = `${deps.publicUrl}/reset?token=${token}`;
      return composeMail(student.email, student.language, messages.passwordReset({ name: student.name, resetUrl, minutes: Math.round(deps.config.resetTtlMs / 60_000) }));
    }
  }
}

// no look-alike characters (0/O, 1/l/I): read from a mail and typed by hand; 16 of 54 symbols is ~92 bits
const passwordAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
export function newStudentPassword(): string {
  return Array.from({ length: 16 }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join('');
}
