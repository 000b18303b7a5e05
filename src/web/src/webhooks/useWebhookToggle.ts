// Enabling a configuration: one PATCH, with the row marked busy meanwhile and the outcome announced.
import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { updateWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { useNotify } from '../ui/Notices.tsx';

export function useWebhookToggle(onChanged: (webhook: Webhook) => void) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const notify = useNotify();
  const enable = async (webhook: Webhook) => {
    setBusyId(webhook.id);
    try {
      onChanged(await updateWebhook(webhook.id, { enabled: true }));
      notify(`${webhook.name} is enabled`);
    } catch (error) {
      notify(`Could not enable ${webhook.name}: ${messageOf(error)}`, 'error');
    } finally {
      setBusyId(null);
    }
  };
  return { busyId, enable };
}
