// An account's operational webhook: webhook.disabled, webhook.failing, webhook.recovered and delivery.failed as
// signed JSON (Standard Webhooks headers, like Svix's operational webhooks), so a producer can route them to Slack
// or a pager. It goes through the platform's one HTTP client, so the SSRF guard applies to it as to any receiver.
import type { HttpClient } from '../delivery/http-client.ts';
import { send } from '../delivery/send.ts';
import { signatureHeader } from '../delivery/sign.ts';
import type { ClaimedNotice } from '../store/notices.ts';
import { postbackVersion } from '../version.ts';

/** The JSON body: `type` names the notice, `data` what happened to which webhook. */
export function operationalPayload(notice: ClaimedNotice) {
  return {
    type: notice.kind,
    timestamp: new Date(notice.createdAt).toISOString(),
    data: {
      account_id: notice.accountId,
      webhook: notice.webhook === null ? { id: notice.webhookId } : {
        id: notice.webhook.id, name: notice.webhook.name, url: notice.webhook.url, enabled: notice.webhook.enabled, disabled_reason: notice.webhook.disabledReason,
      },
      reason: notice.reason,
      deliveries_waiting: notice.waiting,
      ...(notice.deliveryId === null ? {} : { delivery_id: notice.deliveryId }),
    },
  };
}

/** Null when the receiver took it (2xx); otherwise what went wrong, to retry. */
export async function sendOperational(client: HttpClient, notice: ClaimedNotice, limits: { deadlineMs: number }, now: number): Promise<string | null> {
  const { webhookUrl: url, webhookSecret: secret } = notice.settings;
  if (url === null || secret === null) return null;
  const body = JSON.stringify(operationalPayload(notice));
  const timestamp = Math.floor(now / 1000);
  const headers = {
    'content-type': 'application/json', 'user-agent': `Postback/${postbackVersion}`,
    // the notice id: the same on every retry, so a receiver dedupes on it
    'webhook-id': notice.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([secret], notice.id, timestamp, body),
  };
  const outcome = await send(client, { url, headers, body }, { deadlineMs: limits.deadlineMs, maxKeptBytes: 1024, maxResponseBytes: 64 * 1024 });
  if (outcome.kind === 'response') return outcome.response.status >= 200 && outcome.response.status < 300 ? null : `HTTP ${outcome.response.status}`;
  return `${outcome.cause}: ${outcome.detail}`;
}
