// Enabling a configuration: one PATCH, with the row marked busy meanwhile and the outcome announced.
import { useState } from 'react';
import { updateWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { useNotify } from '../ui/Notices.tsx';

export function useWebhookToggle(onChanged: (webhook: Webhook) => void) {
  const t = useT();
  const [busyId, setBusyId] = useState<string | null>(null);
  const notify = useNotify();
  const enable = async (webhook: Webhook) => {
    setBusyId(webhook.id);
    try {
      onChanged(await updateWebhook(webhook.id, { enabled: true }));
      notify(t('webhooks.enabledNotice', { name: webhook.name }));
    } catch (error) {
      notify(t('webhooks.enableFailed', { name: webhook.name, reason: errorText(t, error) }), 'error');
    } finally {
      setBusyId(null);
    }
  };
  return { busyId, enable };
}
