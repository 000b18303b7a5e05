// The account's latest notices about its configurations (failing, disabled, working again): the same notices the
// users get by e-mail, shown here whether or not e-mail is on.
import { listNotices } from '../api/endpoints.ts';
import type { Notice, Webhook } from '../api/types.ts';
import { lastErrorText } from '../history/attemptDetail.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import { disabledReasonText } from './disabledReason.ts';

const kindText: Record<Exclude<Notice['kind'], 'delivery.failed'>, MessageKey> = {
  'webhook.disabled': 'notices.kind.webhook.disabled', 'webhook.failing': 'notices.kind.webhook.failing', 'webhook.recovered': 'notices.kind.webhook.recovered',
};
const mailText: Record<Notice['mail'], MessageKey> = {
  sent: 'notices.mail.sent', pending: 'notices.mail.pending', failed: 'notices.mail.failed', skipped: 'notices.mail.skipped',
};

export function NoticesPanel({ webhooks }: { webhooks: Webhook[] }) {
  const t = useT();
  const format = useFormat();
  const notices = useResource(async () => (await listNotices(5)).items.filter((notice: Notice) => notice.kind !== 'delivery.failed'), 'notices');
  if (!notices.data || notices.data.length === 0) return null;
  const nameOf = (id: string) => webhooks.find((webhook) => webhook.id === id)?.name ?? t('notices.removed');
  // the store keeps the reason as English text: why it was disabled, or the last attempt's error (src/store/notices.ts)
  const reasonOf = (notice: Notice) => (notice.kind === 'webhook.disabled' ? disabledReasonText(t, format, notice.reason) : lastErrorText(t, format, notice.reason ?? ''));
  return (
    <section className="info-box notices-panel" aria-label={t('notices.title')}>
      <h2>{t('notices.title')}</h2>
      <ul>
        {notices.data.map((notice) => (
          <li key={notice.id}>
            <strong>{nameOf(notice.webhook_id)}</strong>: {t(kindText[notice.kind as Exclude<Notice['kind'], 'delivery.failed'>])} · {format.date(notice.created_at)}
            {notice.reason ? ` · ${reasonOf(notice)}` : ''} · <span className="hint">{t(mailText[notice.mail])}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
