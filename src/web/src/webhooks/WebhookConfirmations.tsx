// The three row actions that need a "are you sure?": disable, rotate the signing secret, remove.
import { deleteWebhook, rotateWebhookSecret, updateWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
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
  const notify = useNotify();
  const webhook = open?.webhook ?? null;
  const name = webhook?.name ?? '';
  return (
    <>
      <ConfirmDialog title="Disable configuration?" confirmLabel="Disable" open={open?.action === 'disable'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          onChanged(await updateWebhook(webhook.id, { enabled: false }));
          notify(`${name} is disabled`);
          onClose();
        }}>
        <p>Postback stops posting to <strong>{name}</strong>. New events are still recorded in the history as skipped, and you can send them later with Recover.</p>
      </ConfirmDialog>
      <ConfirmDialog title="Rotate signing secret?" confirmLabel="Rotate secret" open={open?.action === 'rotate'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          const rotated = await rotateWebhookSecret(webhook.id);
          onClose();
          onRotated(rotated, rotated.secret);
        }}>
        <p>A new <code>whsec_</code> secret is made for <strong>{name}</strong>. The old one keeps signing beside it for a while, so your receiver can switch without losing posts.</p>
      </ConfirmDialog>
      <ConfirmDialog title="Remove configuration?" confirmLabel="Remove" danger open={open?.action === 'remove'} onCancel={onClose}
        onConfirm={async () => {
          if (!webhook) return;
          await deleteWebhook(webhook.id);
          onRemoved(webhook);
          notify(`${name} was removed`);
          onClose();
        }}>
        <p><strong>{name}</strong> and its delivery history are removed for good. To stop posts for a while instead, disable it.</p>
      </ConfirmDialog>
    </>
  );
}
