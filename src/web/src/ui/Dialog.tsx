// A modal dialog on the native <dialog>: focus is trapped and restored by the browser. Escape or × closes it, except
// that a dialog holding unsaved input (`confirmDiscard`) first asks whether to throw that input away.
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';

type Props = {
  title: string; open: boolean; onClose: () => void; children: ReactNode; wide?: boolean; description?: string; confirmDiscard?: boolean;
  /** Where the keyboard goes when the control that opened the dialog is gone once it closes; the screen's heading if not given. */
  returnFocus?: () => HTMLElement | null | undefined;
};

export function Dialog({ title, open, onClose, children, wide = false, description, confirmDiscard = false, returnFocus }: Props) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const askId = useId();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // the browser focuses the first control; a form marks the field it wants first with data-autofocus
    if (open && !dialog.open) { dialog.showModal(); dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus(); }
    if (!open && dialog.open) {
      dialog.close();
      // the browser gives the keyboard back to the control that opened the dialog; when the confirmed action removed
      // that control (a removed member, a deleted members area), it would fall to <body>, and a screen reader's
      // place with it
      if (document.activeElement === document.body || document.activeElement === null) (returnFocus?.() ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    }
    setAsking(false);
  }, [open]);
  const requestClose = () => { if (confirmDiscard) setAsking(true); else onClose(); };
  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}
      onClose={onClose} onCancel={(event) => { event.preventDefault(); requestClose(); }}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={requestClose} aria-label={t('common.close')}>×</button>
          </header>
          {asking && (
            <div className="discard-bar" role="alertdialog" aria-labelledby={askId}>
              <p id={askId}>{t('dialog.discardQuestion')}</p>
              <div className="inline-actions">
                <Button size="small" autoFocus onClick={() => setAsking(false)}>{t('dialog.keepEditing')}</Button>
                <Button size="small" variant="danger" onClick={() => { setAsking(false); onClose(); }}>{t('dialog.discard')}</Button>
              </div>
            </div>
          )}
          {description && <p id={descriptionId} className="dialog-description">{description}</p>}
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
