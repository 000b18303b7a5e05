// The notifier job of a worker process: leases notices from the outbox (the store wrote them with the attempts that
// caused them), e-mails the account's users through THE mailer and posts to the account's operational webhook, and
// settles each channel: sent, skipped (e-mail off, no recipient, no operational webhook) or, once its retries are
// spent, failed. A notice is never lost: a crash leaves its lease to expire and another notifier takes it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { HttpClient } from '../delivery/http-client.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { ChannelState, ClaimedNotice, NoticeSettlement, NoticesStore } from '../store/notices.ts';
import { noticeMail } from './notice-messages.ts';
import { sendOperational } from './operational-webhook.ts';

/** Delay before each retry of a channel that failed: about a day in all, then it is failed for good. */
const retryDelaysMs = [30_000, 60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
const batchSize = 20;
const leaseMs = 120_000;

export type NoticeCounter = (channel: 'mail' | 'webhook', outcome: 'sent' | 'retry' | 'failed' | 'skipped') => void;

export type NotifierDeps = {
  store: Pick<NoticesStore, 'claimNotices' | 'settleNotice'>;
  mailer: Pick<Mailer, 'enabled' | 'send'>;
  client: HttpClient;
  /** The dashboard's base URL for links (POSTBACK_PUBLIC_URL, or the API's own). */
  publicUrl: () => string;
  pollIntervalMs: number;
  deadlineMs: number;
  logger: Logger;
  clock: () => number;
  count?: NoticeCounter;
};

export type NotifierJob = { stop(): Promise<void>; [Symbol.asyncDispose](): Promise<void> };

export function startNotifierJob(deps: NotifierDeps): NotifierJob {
  const stopping = new AbortController();
  const count = deps.count ?? (() => {});

  async function mail(notice: ClaimedNotice): Promise<{ state: ChannelState; error: string | null }> {
    if (notice.mail !== 'pending') return { state: notice.mail, error: null };
    // fails open for the notice, closed for the mail: without SMTP_URL the dashboard shows it, nothing is queued
    if (!deps.mailer.enabled || notice.recipients.length === 0 || notice.kind === 'delivery.failed') return { state: 'skipped', error: null };
    const link = `${deps.publicUrl()}/webhooks${notice.kind === 'webhook.disabled' ? `?recover=${encodeURIComponent(notice.webhookId)}` : ''}`;
    try {
      await deps.mailer.send({ to: notice.recipients, ...noticeMail({ ...notice, kind: notice.kind }, link) });
      return { state: 'sent', error: null };
    } catch (error) {
      return { state: 'pending', error: `mail: ${(error as Error).message}` };
    }
  }

  async function hook(notice: ClaimedNotice, now: number): Promise<{ state: ChannelState; error: string | null }> {
    if (notice.hook !== 'pending') return { state: notice.hook, error: null };
    if (notice.settings.webhookUrl === null) return { state: 'skipped', error: null };
    const error = await sendOperational(deps.client, notice, { deadlineMs: deps.deadlineMs }, now).catch((e: unknown) => `operational webhook: ${(e as Error).message}`);
    return error === null ? { state: 'sent', error: null } : { state: 'pending', error: `operational webhook: ${error}` };
  }

  async function deliver(notice: ClaimedNotice): Promise<void> {
    const now = deps.clock();
    const [byMail, byHook] = await Promise.all([mail(notice), hook(notice, now)]);
    const spent = notice.attempts + 1 > retryDelaysMs.length;
    const finish = (state: ChannelState): ChannelState => (state === 'pending' && spent ? 'failed' : state);
    const settlement: NoticeSettlement = {
      mail: finish(byMail.state), hook: finish(byHook.state),
      retryAt: !spent && (byMail.state === 'pending' || byHook.state === 'pending') ? now + retryDelaysMs[notice.attempts]! : null,
      error: [byMail.error, byHook.error].filter(Boolean).join('; ') || null,
    };
    if (notice.mail === 'pending') count('mail', settlement.mail === 'pending' ? 'retry' : settlement.mail as 'sent' | 'failed' | 'skipped');
    if (notice.hook === 'pending') count('webhook', settlement.hook === 'pending' ? 'retry' : settlement.hook as 'sent' | 'failed' | 'skipped');
    if (settlement.error !== null) deps.logger.warn({ notice: notice.id, kind: notice.kind, attempt: notice.attempts + 1, error: settlement.error }, spent ? 'notice could not be sent; giving up' : 'notice not sent yet; will retry');
    await deps.store.settleNotice(notice.id, notice.leaseToken, settlement, deps.clock());
  }

  async function loop(): Promise<void> {
    while (!stopping.signal.aborted) {
      let found = 0;
      try {
        const batch = await deps.store.claimNotices(deps.clock(), batchSize, leaseMs);
        found = batch.length;
        await Promise.all(batch.map((notice) => deliver(notice).catch((error: unknown) => deps.logger.error({ err: error, notice: notice.id }, 'notice crashed; its lease will expire and it will be retried'))));
      } catch (error) {
        deps.logger.error({ err: error }, 'claiming notices failed; trying again later');
      }
      // a full batch may mean more are due: go on at once; otherwise wait a poll interval
      if (found < batchSize) await sleep(deps.pollIntervalMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
  }

  const running = loop();
  const stop = async () => { stopping.abort(); await running; };
  return { stop, [Symbol.asyncDispose]: stop };
}
