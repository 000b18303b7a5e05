// "Are you sure?" for actions that cannot be undone; shows the API's error in place if the action fails.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorText } from './ErrorText.tsx';

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** "Cancel" unless given: a confirm label that starts with the same word ("Cancelar convite") needs another. */
  cancelLabel?: string;
  danger?: boolean;
  returnFocus?: () => HTMLElement | null | undefined;
  open: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
};

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, open, onCancel, onConfirm, returnFocus }: Props) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => { setError(null); onCancel(); };
  return (
    <Dialog title={title} open={open} onClose={cancel} returnFocus={returnFocus}>
      <div className="confirm-text">{children}</div>
      <ErrorText message={error} />
      <div className="dialog-actions">
        <Button onClick={cancel} disabled={busy}>{cancelLabel ?? t('common.cancel')}</Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={() => void confirm()} busy={busy}>{confirmLabel}</Button>
      </div>
    </Dialog>
  );
}
