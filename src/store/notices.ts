// The notices outbox: what happened to a webhook that its owner must hear about, written by the store in the same
// transaction as the attempt that caused it (the dispatcher's record step), and sent later by the notifier job
// (src/notify/) by e-mail and to the account's operational webhook. Data flows one way: the store never calls out.
import type { AccountId, DeliveryId, WebhookId } from '../domain/ids.ts';

export const noticeKinds = ['webhook.disabled', 'webhook.failing', 'webhook.recovered', 'delivery.failed'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeLanguages = ['pt-BR', 'es', 'en'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

/** One channel of a notice: pending (to send), sent, failed (its retries spent) or skipped (not wanted there, or off). */
export type ChannelState = 'pending' | 'sent' | 'failed' | 'skipped';

export type Notice = {
  id: string;
  accountId: AccountId;
  kind: NoticeKind;
  webhookId: WebhookId;
  /** The delivery whose attempts ran out (delivery.failed). */
  deliveryId: DeliveryId | null;
  /** Why the webhook was disabled, or the last attempt's error. */
  reason: string | null;
  createdAt: number;
  mail: ChannelState;
  hook: ChannelState;
  attempts: number;
  lastError: string | null;
};

export type NotificationSettings = {
  language: NoticeLanguage;
  /** The operational webhook: where webhook.* and delivery.failed go as signed JSON; null: none. */
  webhookUrl: string | null;
  webhookSecret: string | null;
};

/** A notice leased to a notifier, with what its messages say. */
export type ClaimedNotice = Notice & {
  leaseToken: string;
  settings: NotificationSettings;
  /** The webhook as it is now (null when it was removed since). */
  webhook: { id: WebhookId; name: string; url: string; enabled: boolean; disabledReason: string | null; failureStreak: number } | null;
  /** Deliveries of the webhook waiting: pending, or skipped while it was disabled (a recovery resends them). */
  waiting: number;
  /** Who is told by e-mail: every user of the account. */
  recipients: string[];
};

export type NoticeSettlement = {
  mail: ChannelState;
  hook: ChannelState;
  /** When to try the channels still pending again; null when none is. */
  retryAt: number | null;
  error: string | null;
};

/** The rule the record step applies: a webhook "starts failing" at this many failed attempts in a row. */
export type NoticeRule = { failingAfter: number };
export const defaultNoticeRule: NoticeRule = { failingAfter: 5 };
/** At most one "starts failing" notice per webhook per day. */
export const failingNoticeGapMs = 86_400_000;

/** What the record step knows of a webhook's alerts after counting a failure. */
export type WebhookAlertState = { alerted: boolean; failingNoticedAt: number | null; failureStreak: number };

/** Whether a counted failure makes a webhook "start failing": the streak reached the rule, its owner not told yet, none sent for a day. */
export function startsFailing(rule: NoticeRule, state: WebhookAlertState, now: number): boolean {
  const quietLongEnough = state.failingNoticedAt === null || now - state.failingNoticedAt >= failingNoticeGapMs;
  return !state.alerted && state.failureStreak >= rule.failingAfter && quietLongEnough;
}

export type NoticesStore = {
  getNotificationSettings(accountId: AccountId): Promise<NotificationSettings>;
  setNotificationSettings(accountId: AccountId, settings: NotificationSettings, now: number): Promise<void>;
  /** The account's notices, newest first (the dashboard shows them whether or not e-mail is on). */
  listNotices(accountId: AccountId, limit: number): Promise<Notice[]>;
  /** Leases up to `limit` notices with a pending channel whose time has come (or whose lease expired). */
  claimNotices(now: number, limit: number, leaseMs: number): Promise<ClaimedNotice[]>;
  /** Records what the channels became, only while `leaseToken` holds the lease. */
  settleNotice(id: string, leaseToken: string, settlement: NoticeSettlement, now: number): Promise<boolean>;
};
