// The account's notification settings: the language its notice e-mails are written in (for every user of the account,
// whatever language each one's dashboard shows) and its optional operational webhook. The form checks the address
// first; a refusal from the API (a private network, say) is said next to the field, as in the configuration form.
import { useLayoutEffect, useState } from 'react';
import { setNotificationSettings } from '../api/endpoints.ts';
import type { NotificationSettings, SavedNotificationSettings } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { localeNames, locales } from '../i18n/locales.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { isHttpUrl } from '../ui/fieldChecks.ts';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = {
  settings: NotificationSettings;
  onSaved: (saved: SavedNotificationSettings) => void;
  onCancel: () => void;
  /** Whether the form holds input that closing would lose. */
  onDirty: (dirty: boolean) => void;
};

export function NotificationSettingsForm({ settings, onSaved, onCancel, onDirty }: Props) {
  const t = useT();
  const [language, setLanguage] = useState<NotificationSettings['language']>(settings.language);
  const [url, setUrl] = useState(settings.webhook_url ?? '');
  const dirty = language !== settings.language || url.trim() !== (settings.webhook_url ?? '');
  // a layout effect, as in WebhookForm: an Escape pressed right after typing already asks before closing
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);

  // an empty field means no operational webhook: the e-mails alone
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    onSaved(await setNotificationSettings({ language, webhook_url: url.trim() === '' ? null : url.trim() }));
  }, (): Record<string, string> => (url.trim() !== '' && !isHttpUrl(url) ? { webhook_url: t('notificationSettings.urlNeeded') } : {}));

  const named = invalidFields(error);
  // the guard's refusal names a private network: say that, not "invalid address"
  const urlBlocked = named.get('webhook_url')?.includes('POSTBACK_ALLOW_NETWORKS') ?? false;
  const fields = { ...fieldMessages(t, error, { webhook_url: urlBlocked ? 'webhookForm.urlBlocked' : 'notificationSettings.urlNeeded' }), ...problems };
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
      <SelectField label={t('notificationSettings.language')} value={language} onChange={(value) => setLanguage(value as NotificationSettings['language'])}
        hint={t('notificationSettings.languageHint')} error={fields.language}
        options={locales.map((locale) => ({ value: locale, label: localeNames[locale] }))} />
      <TextField label={t('notificationSettings.url')} type="url" inputMode="url" value={url} onChange={setUrl} error={fields.webhook_url}
        hint={t(settings.webhook_url ? 'notificationSettings.urlHintSaved' : 'notificationSettings.urlHint')} placeholder="https://example.com/postback-notices" />
      <ErrorText message={error && named.size === 0 ? errorText(t, error) : null} />
      <div className="dialog-actions">
        <Button onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={busy}>{t('common.saveChanges')}</Button>
      </div>
    </form>
  );
}
