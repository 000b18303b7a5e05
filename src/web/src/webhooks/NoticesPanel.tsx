// The account's latest notices about its configurations (failing, disabled, working again): the same notices the
// users get by e-mail, shown here whether or not e-mail is on.
import { listNotices } from '../api/endpoints.ts';
import type { Notice, Webhook } from '../api/types.ts';
import { formatDate } from '../format.ts';
import { useResource } from '../hooks/useResource.ts';
import { resetLanguage } from '../password/passwordResetText.ts';
import { noticesText } from './noticesText.ts';

export function NoticesPanel({ webhooks }: { webhooks: Webhook[] }) {
  const notices = useResource(async () => (await listNotices(5)).items.filter((notice: Notice) => notice.kind !== 'delivery.failed'), 'notices');
  const t = noticesText(resetLanguage());
  if (!notices.data || notices.data.length === 0) return null;
  const nameOf = (id: string) => webhooks.find((webhook) => webhook.id === id)?.name ?? t.removed;
  return (
    <section className="info-box notices-panel" aria-label={t.title}>
      <h2>{t.title}</h2>
      <ul>
        {notices.data.map((notice) => (
          <li key={notice.id}>
            <strong>{nameOf(notice.webhook_id)}</strong>: {t.kinds[notice.kind]} · {formatDate(notice.created_at)}
            {notice.reason ? ` · ${notice.reason}` : ''} · <span className="hint">{t.mail[notice.mail]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
