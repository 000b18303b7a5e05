// The three row actions that need a "are you sure?": disable, rotate the signing secret, remove.
import { deleteWebhook, rotateWebhookSecret, updateWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';
import type { WebhookAction } from './WebhookCard.tsx';

type Props = {
  open: { action: WebhookAction | 'create'; webhook: Webhook | null } | null;
  onClose: () => void;
  onChanged: (webhook: Webhook) => void;
  onRemoved: (webhook: Webhook) => void;
  onRotated: (webhook: Webhook, secret: string) => void;
};

export function WebhookConfirmations({ open, onClose, onChanged, onRemoved, onRotated }: Props) {
  const t = useT();
  const notify = useNotify();
  const webhook = open?.webhook ?? null;
  const name = webhook?.name ?? '';
  return (
    <>
      <ConfirmDialog title={t('webhooks.disableTitle')} confirmLabel={t('webhooks.disable')} open={open?.action === 'disable'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          onChanged(await updateWebhook(webhook.id, { enabled: false }));
          notify(t('webhooks.disabledNotice', { name }));
          onClose();
        }}>
        <p>{t.rich('webhooks.disableText', { name })}</p>
      </ConfirmDialog>
      <ConfirmDialog title={t('webhooks.rotateTitle')} confirmLabel={t('webhooks.rotate')} open={open?.action === 'rotate'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          const rotated = await rotateWebhookSecret(webhook.id);
          onClose();
          onRotated(rotated, rotated.secret);
        }}>
        <p>{t.rich('webhooks.rotateText', { name })}</p>
      </ConfirmDialog>
      <ConfirmDialog title={t('webhooks.removeTitle')} confirmLabel={t('common.remove')} danger open={open?.action === 'remove'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          await deleteWebhook(webhook.id);
          onRemoved(webhook);
          notify(t('webhooks.removedNotice', { name }));
          onClose();
        }}>
        <p>{t.rich('webhooks.removeText', { name })}</p>
      </ConfirmDialog>
    </>
  );
}
