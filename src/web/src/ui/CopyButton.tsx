// Copies a value and says so, in the button itself and to screen readers. Both labels are always laid out (one
// hidden), so "Copy" → "Copied" never changes the button's width and nothing beside it moves.
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';
import { copyText } from './copyText.ts';
import { useNotify } from './Notices.tsx';

/** `text`: what the button says ("Copy" unless given); `label`: what is copied, for screen readers and the notice. */
export function CopyButton({ value, label, text }: { value: string; label: string; text?: string }) {
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
    // a button that says more than "Copy" ("Copy as curl") is named by what it says, so a voice user who reads it
    // out reaches it (WCAG 2.5.3); a bare "Copy" is named for what it copies ("Copy Account ID")
    <Button size="small" onClick={() => void copy()} aria-label={text === undefined ? t('copy.label', { label }) : undefined} className="copy-button">
      <span className="stacked-labels">
        <span aria-hidden={copied || undefined}>{text ?? t('copy.copy')}</span>
        <span aria-hidden={!copied || undefined}>{t('copy.copied')}</span>
      </span>
    </Button>
  );
}
