// Copies a value and says so, in the button itself and to screen readers.
import { useState } from 'react';
import { Button } from './Button.tsx';
import { copyText } from './copyText.ts';
import { useNotify } from './Notices.tsx';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const notify = useNotify();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyText(value);
    if (!ok) { notify('Copy failed: select the text and copy it by hand.', 'error'); return; }
    setCopied(true);
    notify(`${label} copied`);
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button size="small" onClick={() => void copy()} aria-label={`Copy ${label}`} className="copy-button">
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}
