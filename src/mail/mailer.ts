// The one mailer (nodemailer over SMTP_URL), shared by the platform's notices and the members-area receiver.
// It only sends: retrying a mail that failed, and showing it, belong to whoever keeps the outbox.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export type MailMessage = {
  to: string | string[];
  subject: string;
  /** Every mail goes as plain text and HTML: some readers show only one. */
  text: string;
  html: string;
  /** BCP 47 tag of the message's language (Content-Language), e.g. pt-BR. */
  language?: string;
};

export type Mailer = {
  /** False without SMTP_URL: nothing is sent, and callers show their notices elsewhere (the dashboard). */
  readonly enabled: boolean;
  /** Where mail goes, for the start-up line: `smtp://host:port` with no credentials, or `off (SMTP_URL is not set)`. */
  readonly description: string;
  /** Connects and authenticates once. Rejects with a MailSetupError that says what is wrong and what to do. */
  verify(): Promise<void>;
  /** Sends one message; rejects when the server refuses it or cannot be reached (the caller keeps it to retry). */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
};

export class MailSetupError extends Error {}

export type MailerOptions = { smtpUrl: string; from: string };

export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl === '') return disabledMailer;
  const target = describeSmtpUrl(options.smtpUrl);
  // fails closed: a mail that cannot be sent in 30 s is an error the caller retries, not a request held forever
  const url = new URL(options.smtpUrl);
  const transport: Transporter = nodemailer.createTransport({
    host: url.hostname, port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)), secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
  }, { from: options.from });
  return {
    enabled: true,
    description: target,
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw new MailSetupError(`SMTP_URL: cannot send mail through ${target}: ${(error as Error).message}. Check the host, port, user and password (smtp://user:password@host:587, or smtps:// for port 465).`);
      }
    },
    async send(message) {
      const info = await transport.sendMail({
        to: message.to, subject: message.subject, text: message.text, html: message.html,
        ...(message.language ? { headers: { 'Content-Language': message.language } } : {}),
      });
      return { messageId: String(info.messageId) };
    },
    close() { transport.close(); },
  };
}

const disabledMailer: Mailer = {
  enabled: false,
  description: 'off (SMTP_URL is not set)',
  async verify() {},
  async send() { throw new Error('e-mail is off: set SMTP_URL to send mail'); },
  close() {},
};

/** `smtp://host:port` without user or password, for logs and the start-up line. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    throw new MailSetupError('SMTP_URL: expected a URL like smtp://user:password@host:587 (or smtps:// for port 465).');
  }
}
