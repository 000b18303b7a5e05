// "Notification settings", opened from the recent notices: the current settings are loaded each time it opens, the
// form saves them, and a newly saved operational webhook's secret is shown in its place, once.
import { useState } from 'react';
import { getNotificationSettings } from '../api/endpoints.ts';
import type { SavedNotificationSettings } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { NotificationSettingsForm } from './NotificationSettingsForm.tsx';
import { OperationalSecret } from './OperationalSecret.tsx';

type Props = { open: boolean; onClose: () => void };

export function NotificationSettingsDialog({ open, onClose }: Props) {
  const t = useT();
  const notify = useNotify();
  const [dirty, setDirty] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => { setDirty(false); setSecret(null); onClose(); };
  const saved = (answer: SavedNotificationSettings) => {
    setDirty(false);
    // only a new address gets a secret; otherwise the dialog closes, saying it was saved
    if (answer.webhook_secret) setSecret(answer.webhook_secret);
    else { close(); notify(t('notificationSettings.saved')); }
  };
  return (
    <Dialog title={t(secret ? 'notificationSettings.secretTitle' : 'notificationSettings.title')} open={open} onClose={close} confirmDiscard={dirty}>
      {secret ? <OperationalSecret secret={secret} onDone={close} /> : <CurrentSettings onSaved={saved} onCancel={close} onDirty={setDirty} />}
    </Dialog>
  );
}

/** Mounted only while the dialog is open (Dialog renders its children then), so each opening reads them afresh. */
function CurrentSettings({ onSaved, onCancel, onDirty }: { onSaved: (saved: SavedNotificationSettings) => void; onCancel: () => void; onDirty: (dirty: boolean) => void }) {
  const t = useT();
  const settings = useResource(getNotificationSettings, 'notification-settings');
  if (settings.error) return <LoadError error={settings.error} what={t('notificationSettings.what')} onRetry={() => void settings.reload()} />;
  if (!settings.data) return <SkeletonBlocks count={1} height={160} label={t('notificationSettings.loading')} />;
  return <NotificationSettingsForm settings={settings.data} onSaved={onSaved} onCancel={onCancel} onDirty={onDirty} />;
}
