// Colour plus words (never colour alone) for a delivery's status or a webhook's state.
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';

const labels: Record<string, MessageKey> = {
  pending: 'status.pending', delivered: 'status.delivered', failed: 'status.failed', skipped: 'status.skipped', enabled: 'status.enabled', disabled: 'status.disabled',
};

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const key = labels[status];
  return <span className={`badge badge-${status}`}>{key ? t(key) : status}</span>;
}
