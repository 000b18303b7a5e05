// Copies a value and says so, in the button itself and to screen readers. Both labels are always laid out (one
// hidden), so "Copy" → "Copied" never changes the button's width and nothing beside it moves.
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';
import { copyText } from './copyText.ts';
import { useNotify } from './Notices.tsx';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useT();
  const notify = useNotify();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyText(value);
    if (!ok) { notify(t('copy.failed'), 'error'); return; }
    setCopied(true);
    notify(t('copy.done', { label }));
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button size="small" onClick={() => void copy()} aria-label={t('copy.label', { label })} className="copy-button">
      <span className="stacked-labels">
        <span aria-hidden={copied || undefined}>{t('copy.copy')}</span>
        <span aria-hidden={!copied || undefined}>{t('copy.copied')}</span>
      </span>
    </Button>
  );
}
