// What a screen shows when its data could not be loaded: what happened and a way to try again.
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';

/** `what` is already in the user's language ("your configurations"). */
export function LoadError({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="load-error" role="alert">
      <p><strong>{t('loadError.title', { what })}</strong> {errorText(t, error)}</p>
      <Button onClick={onRetry}>{t('common.tryAgain')}</Button>
    </div>
  );
}
