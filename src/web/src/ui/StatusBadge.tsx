// Colour plus words (never colour alone) for a delivery's status or a webhook's state.

const labels: Record<string, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed', skipped: 'Skipped', enabled: 'Enabled', disabled: 'Disabled' };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{labels[status] ?? status}</span>;
}
