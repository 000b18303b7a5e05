// Owner notices: GET /api/v1/notices (what the dashboard shows, e-mail on or off), and the account's notification
// settings: the language of its notices and its operational webhook (PUT shows a new whsec_ secret once).
import { z } from 'zod';
import { newSigningSecret } from '../../security/secrets.ts';
import { noticeKinds, noticeLanguages } from '../../store/notices.ts';
import type { Notice, NotificationSettings } from '../../store/notices.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { Role } from '../../store/store.ts';
import { urlSeenBy } from '../present.ts';
import { problem } from '../problems.ts';
import { webhookUrl } from '../schemas.ts';

const tags = ['Notices'];
const channel = z.enum(['pending', 'sent', 'failed', 'skipped']);
const noticeResponse = z.looseObject({
  id: z.string(), kind: z.enum(noticeKinds), webhook_id: z.string(), delivery_id: z.string().nullable(),
  reason: z.string().nullable().meta({ description: 'Why it was disabled, or the last error' }), created_at: z.string(),
  mail: channel.meta({ description: 'skipped: e-mail is off (SMTP_URL), or the notice is for the operational webhook only' }), webhook: channel, last_error: z.string().nullable(),
});
const settingsResponse = z.looseObject({ language: z.enum(noticeLanguages), webhook_url: z.string().nullable() });
const settingsBody = z.strictObject({
  language: z.enum(noticeLanguages, { error: `expected one of ${noticeLanguages.join(', ')}` }),
  webhook_url: webhookUrl.nullable().meta({ description: 'The operational webhook; null: none' }),
});
const noticesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const presentNotice = (notice: Notice) => ({
  id: notice.id, kind: notice.kind, webhook_id: notice.webhookId, delivery_id: notice.deliveryId, reason: notice.reason,
  created_at: new Date(notice.createdAt).toISOString(), mail: notice.mail, webhook: notice.hook, last_error: notice.lastError,
});
const presentSettings = (settings: NotificationSettings, role: Role) => ({ language: settings.language, webhook_url: settings.webhookUrl === null ? null : urlSeenBy(role)(settings.webhookUrl) });

export function noticeRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'addressPolicy'>): ZodRoutes {
  return async (app) => {
    app.get('/notices', { schema: {
      summary: 'Notices about the account\'s webhooks (disabled, failing, recovered, deliveries that gave up), newest first', tags,
      querystring: noticesQuery, response: { 200: z.looseObject({ items: z.array(noticeResponse) }) },
      examples: [{ name: 'latest', summary: 'The latest 20', query: { limit: 20 } }],
    } }, async (request) => ({ items: (await deps.store.listNotices(request.accountId, request.query.limit)).map(presentNotice) }));
    app.get('/notification-settings', { schema: { summary: 'The language of the account\'s notices and its operational webhook', tags, response: { 200: settingsResponse } } },
      async (request) => presentSettings(await deps.store.getNotificationSettings(request.accountId), request.role));
    app.put('/notification-settings', { schema: {
      summary: 'Set the notices\' language and the operational webhook', tags, body: settingsBody,
      description: 'The operational webhook receives webhook.disabled, webhook.failing, webhook.recovered and delivery.failed as signed JSON (Standard Webhooks). A new URL gets a new whsec_ secret, shown once here.',
      response: { 200: settingsResponse.extend({ webhook_secret: z.string().nullable().meta({ description: 'Shown only when the URL changed' }) }) },
      examples: [{ name: 'slack_bridge', summary: 'Portuguese notices, and a receiver that forwards to Slack', body: { language: 'pt-BR', webhook_url: 'https://hooks.example.com/postback-ops' } }],
    } }, async (request) => {
      const { language, webhook_url: url } = request.body;
      // fails closed, as for webhooks: a blocked address or localhost is refused before anything is written
      const verdict = url === null ? { ok: true as const } : deps.addressPolicy.checkUrl(url);
      if (!verdict.ok) throw problem('validation_failed', `Invalid body: body.webhook_url: ${verdict.reason}`, [{ path: 'body.webhook_url', message: verdict.reason }]);
      const before = await deps.store.getNotificationSettings(request.accountId);
      const secret = url === null ? null : url === before.webhookUrl ? before.webhookSecret : newSigningSecret();
      await deps.store.setNotificationSettings(request.accountId, { language, webhookUrl: url, webhookSecret: secret }, deps.clock());
      request.audit = { action: 'notifications.updated', targetType: 'account', targetId: request.accountId, detail: { language, url: url === null ? null : displayUrl(url) } };
      return { language, webhook_url: url, webhook_secret: url !== null && url !== before.webhookUrl ? secret : null };
    });
  };
}
