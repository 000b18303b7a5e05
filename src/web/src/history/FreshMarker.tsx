// "3 new deliveries": floats over the page (out of the flow, so the rows being read stay where they are) and brings
// the new rows in, at the top, when pressed. Announced politely to screen readers.
import { useT } from '../i18n/useT.ts';

export function FreshMarker({ count, onShow }: { count: number; onShow: () => void }) {
  const t = useT();
  return (
    <div className="fresh-marker" role="status" aria-live="polite">
      {count > 0 && (
        <button type="button" className="button button-primary button-small fresh-button" onClick={onShow}>
          <span aria-hidden="true">↑ </span>{t('history.fresh', { count })}
        </button>
      )}
    </div>
  );
}
