// A real SMTP server on 127.0.0.1 (smtp-server) whose mail is parsed by mailparser, for tests that send e-mail.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually.ts';

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string; language: string | null; parsed: ParsedMail };

export type SmtpInbox = {
  /** smtp://user:password@127.0.0.1:port, for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Waits for the first mail (already received or to come) that `match` accepts. */
  waitFor(what: string, match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** While set, the server refuses every message with this SMTP reply (550 ...): for tests of failed mail. */
  refuseWith: string | null;
  /**
   * Holds every message unanswered (its DATA neither taken nor refused) until `release()`: for tests of what a sender
   * does while the mail server has not answered yet. `held` counts the messages waiting.
   */
  hold(): { held(): number; release(): void };
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const inbox: SmtpInbox = {
    url: '',
    mails: [],
    refuseWith: null,
    hold() {
      let open: (() => void) | null = null;
      const released = new Promise<void>((resolve) => { open = resolve; });
      let held = 0;
      holding = { released, arrived: () => { held += 1; } };
      return { held: () => held, release: () => { holding = null; open!(); } };
    },
    waitFor: (what, match, timeoutMs) => eventually(`mail: ${what}`, () => inbox.mails.find(match), timeoutMs),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    [Symbol.asyncDispose]: () => inbox.close(),
  };
  let holding: { released: Promise<void>; arrived(): void } | null = null;
  type OnData = NonNullable<ConstructorParameters<typeof SMTPServer>[0]>['onData'] & {};
  const receive: OnData = (stream, session, callback) => {
    if (holding) {
      holding.arrived();
      holding.released.then(() => receive(stream, session, callback), (error: Error) => callback(error));
      return;
    }
    if (inbox.refuseWith) {
      stream.resume();
      const error = Object.assign(new Error(inbox.refuseWith), { responseCode: 550 });
      stream.on('end', () => callback(error));
      return;
    }
    simpleParser(stream).then((parsed) => {
      inbox.mails.push({
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        language: (parsed.headers.get('content-language') as string | undefined) ?? null,
        parsed,
      });
      callback();
    }, (error: Error) => callback(error));
  };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onData: receive,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  inbox.url = `smtp://test:test@127.0.0.1:${port}`;
  return inbox;
}
