// `postback members` in this process, on 127.0.0.1, with a fresh data directory and a real SMTP inbox, plus builders
// of notifications as Postback sends them (the catalogue's samples, changed where a test needs it) in both formats.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { renderLegacyForm, sampleData } from '../../src/catalog/index.ts';
import type { EventName } from '../../src/catalog/index.ts';
import { loadMembersConfig } from '../../src/members/members-config.ts';
import type { MembersConfig } from '../../src/members/members-config.ts';
import { startMembersArea } from '../../src/members/start-members.ts';
import type { RunningMembersArea } from '../../src/members/start-members.ts';
import { startSmtpInbox } from './smtp-inbox.ts';
import type { SmtpInbox } from './smtp-inbox.ts';

export const hottok = 'hottok-of-the-test-account-0123456789';
export const signingSecret = `whsec_${Buffer.from('a test signing secret of 32 bytes').toString('base64')}`;

export type TestArea = {
  area: RunningMembersArea;
  inbox: SmtpInbox;
  config: MembersConfig;
  /** POSTs a notification to the area as Postback would (hottok header; signed when the area has a secret). */
  send(notification: Built, options?: { headers?: Record<string, string>; signWith?: string | null; withoutHottokHeader?: boolean }): Promise<{ status: number; body: any }>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function startTestArea(overrides: Partial<MembersConfig> = {}, options: { clock?: () => number } = {}): Promise<TestArea> {
  const dataDir = await mkdtemp(join(tmpdir(), 'postback-members-'));
  const inbox = await startSmtpInbox();
  const config = loadMembersConfig({}, {
    port: 0, dataDir, hottok, products: ['555'], mailRetry: [200], adminPassword: 'admin-password', apiToken: 'api-token-of-the-test', ...overrides,
  });
  const area = await startMembersArea(config, { smtpUrl: inbox.url, from: 'Escola da Ana <cursos@escoladaana.com.br>' }, pino({ level: 'silent' }), options.clock);
  return {
    area, inbox, config,
    async send(notification, sendOptions = {}) {
      const secret = sendOptions.signWith === undefined ? (config.signingSecret || null) : sendOptions.signWith;
      const at = new Date();
      const signature = secret === null ? {} : {
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new StandardWebhook(secret).sign(notification.id, at, notification.body),
      };
      const headers = { 'content-type': notification.contentType, ...(sendOptions.withoutHottokHeader ? {} : { 'x-hotmart-hottok': hottok }), 'webhook-id': notification.id, ...signature, ...sendOptions.headers };
      const response = await fetch(`${area.url}/`, { method: 'POST', headers, body: notification.body });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async [Symbol.asyncDispose]() {
      await area.close();
      await inbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type Built = { id: string; body: string; contentType: string };
export type Sale = {
  email?: string; name?: string; productId?: number; transaction?: string; subscriberCode?: string; recurrence?: number;
  dateNextCharge?: number; country?: string; creationDate?: number;
};

/** The catalogue's sample of `event` as this buyer's sale of product 555 (by default), in the given format. */
export function notification(event: EventName, id: string, sale: Sale = {}, format: '2.0.0' | '1.0.0' = '2.0.0'): Built {
  const data = structuredClone(sampleData(event)) as Record<string, any>;
  const email = sale.email ?? 'bia@example.com';
  const name = sale.name ?? 'Beatriz Lima';
  if (data.product) Object.assign(data.product, { id: sale.productId ?? 555, name: 'Curso de Fotografia' });
  if (data.buyer) Object.assign(data.buyer, { email, name });
  if (data.subscriber) Object.assign(data.subscriber, { email, name, ...(sale.subscriberCode ? { code: sale.subscriberCode } : {}) });
  if (data.purchase) {
    data.purchase.transaction = sale.transaction ?? 'HP0001';
    if (sale.country) data.purchase.checkout_country = { name: sale.country, iso: sale.country };
    if (sale.recurrence !== undefined) data.purchase.recurrence_number = sale.recurrence;
    else delete data.purchase.recurrence_number;
    if (sale.dateNextCharge !== undefined) data.purchase.date_next_charge = sale.dateNextCharge;
  }
  if (sale.country && data.buyer?.address) data.buyer.address.country_iso = sale.country;
  // a purchase is a subscription's charge when it names a subscriber code, a one-time sale otherwise
  if (data.purchase) {
    if (sale.subscriberCode === undefined) delete data.subscription;
    else data.subscription = { status: 'ACTIVE', plan: { id: 1029384, name: 'Plano Mensal' }, subscriber: { code: sale.subscriberCode } };
  }
  if (event === 'SUBSCRIPTION_CANCELLATION' && sale.dateNextCharge !== undefined) data.date_next_charge = sale.dateNextCharge;
  if (format === '1.0.0') return { id, body: renderLegacyForm(event, data, hottok), contentType: 'application/x-www-form-urlencoded' };
  const body = JSON.stringify({ id, creation_date: sale.creationDate ?? Date.now(), event, version: '2.0.0', data });
  return { id, body, contentType: 'application/json' };
}
