// The account's latest notices about its configurations (failing, disabled, working again): the same notices the
// users get by e-mail, shown here whether or not e-mail is on. Whoever may change things (a developer or an owner, as
// the API allows for PUT /notification-settings) also finds here the settings of those notices: their language and
// the operational webhook; so the panel shows for them even before any notice, and a viewer never sees the button.
import { useState } from 'react';
import { listNotices } from '../api/endpoints.ts';
import type { Notice, Webhook } from '../api/types.ts';
import { lastErrorText } from '../history/attemptDetail.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import { useCan } from '../session/RoleContext.tsx';
import { Button } from '../ui/Button.tsx';
import { disabledReasonText } from './disabledReason.ts';
import { NotificationSettingsDialog } from './NotificationSettingsDialog.tsx';

const kindText: Record<Exclude<Notice['kind'], 'delivery.failed'>, MessageKey> = {
  'webhook.disabled': 'notices.kind.webhook.disabled', 'webhook.failing': 'notices.kind.webhook.failing', 'webhook.recovered': 'notices.kind.webhook.recovered',
};
const mailText: Record<Notice['mail'], MessageKey> = {
  sent: 'notices.mail.sent', pending: 'notices.mail.pending', failed: 'notices.mail.failed', skipped: 'notices.mail.skipped',
};

export function NoticesPanel({ webhooks }: { webhooks: Webhook[] }) {
  const t = useT();
  const format = useFormat();
  const canChange = useCan('developer');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const notices = useResource(async () => (await listNotices(5)).items.filter((notice: Notice) => notice.kind !== 'delivery.failed'), 'notices');
  if (!notices.data || (notices.data.length === 0 && !canChange)) return null;
  const nameOf = (id: string) => webhooks.find((webhook) => webhook.id === id)?.name ?? t('notices.removed');
  // the store keeps the reason as English text: why it was disabled, or the last attempt's error (src/store/notices.ts)
  const reasonOf = (notice: Notice) => (notice.kind === 'webhook.disabled' ? disabledReasonText(t, format, notice.reason) : lastErrorText(t, format, notice.reason ?? ''));
  // the dialog sits outside the panel: a modal inherits no colour from the box it was opened from
  return (
    <>
      <section className="info-box notices-panel" aria-label={t('notices.title')}>
        <div className="notice-row">
          <h2>{t('notices.title')}</h2>
          {canChange && <Button size="small" onClick={() => setSettingsOpen(true)}>{t('notificationSettings.open')}</Button>}
        </div>
        {notices.data.length === 0 ? <p className="hint">{t('notificationSettings.noNotices')}</p> : (
          <ul>
            {notices.data.map((notice) => (
              <li key={notice.id}>
                <strong>{nameOf(notice.webhook_id)}</strong>: {t(kindText[notice.kind as Exclude<Notice['kind'], 'delivery.failed'>])} · {format.date(notice.created_at)}
                {notice.reason ? ` · ${reasonOf(notice)}` : ''} · <span className="hint">{t(mailText[notice.mail])}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canChange && <NotificationSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
