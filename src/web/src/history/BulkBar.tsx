// Shown when deliveries are selected: how many, resend them all, or clear the selection.
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';

type Props = { count: number; live: boolean; progress: { done: number; total: number } | null; onResend: () => void; onClear: () => void };

export function BulkBar({ count, live, progress, onResend, onClear }: Props) {
  const t = useT();
  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.label')}>
      <span className="bulk-status">
        <span aria-live="polite">{progress ? t('bulk.progress', { done: progress.done, total: progress.total }) : count === 0 ? t('bulk.hint') : t('bulk.selected', { count })}</span>
        {live && <span className="live-indicator">● {t('bulk.live')}</span>}
      </span>
      <div className="inline-actions">
        <Button size="small" variant="primary" onClick={onResend} busy={progress !== null} disabled={count === 0}><span aria-hidden="true">↻ </span>{t('bulk.resend')}</Button>
        <Button size="small" variant="ghost" onClick={onClear} disabled={progress !== null || count === 0}>{t('bulk.clear')}</Button>
      </div>
    </div>
  );
}
