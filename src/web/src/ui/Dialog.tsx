// A modal dialog on the native <dialog>: focus is trapped and restored by the browser, Escape closes it.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

type Props = { title: string; open: boolean; onClose: () => void; children: ReactNode; wide?: boolean; description?: string };

export function Dialog({ title, open, onClose, children, wide = false, description }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // the browser focuses the first control; a form marks the field it wants first with data-autofocus
    if (open && !dialog.open) { dialog.showModal(); dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus(); }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}
      onClose={onClose} onCancel={(event) => { event.preventDefault(); onClose(); }}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>×</button>
          </header>
          {description && <p id={descriptionId} className="dialog-description">{description}</p>}
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
