// Shown when deliveries are selected: how many, resend them all, or clear the selection.
import { Button } from '../ui/Button.tsx';

type Props = { count: number; live: boolean; progress: { done: number; total: number } | null; onResend: () => void; onClear: () => void };

export function BulkBar({ count, live, progress, onResend, onClear }: Props) {
  return (
    <div className="bulk-bar" role="region" aria-label="Selected deliveries">
      <span className="bulk-status">
        <span aria-live="polite">{progress ? `Resending ${progress.done} of ${progress.total}…` : count === 0 ? "Select rows to resend several at once." : `${count} selected`}</span>
        {live && <span className="live-indicator">● Live: retries in progress</span>}
      </span>
      <div className="inline-actions">
        <Button size="small" variant="primary" onClick={onResend} busy={progress !== null} disabled={count === 0}><span aria-hidden="true">↻ </span>Resend selected</Button>
        <Button size="small" variant="ghost" onClick={onClear} disabled={progress !== null || count === 0}>Clear selection</Button>
      </div>
    </div>
  );
}
