// A credential on screen: masked until revealed (when `maskable`), always copyable.
import { useId, useState } from 'react';
import { Button } from './Button.tsx';
import { CopyButton } from './CopyButton.tsx';

type Props = { label: string; value: string; maskable?: boolean; hint?: string };

export function SecretValue({ label, value, maskable = false, hint }: Props) {
  const [shown, setShown] = useState(!maskable);
  const id = useId();
  return (
    <div className="secret">
      <span className="secret-label" id={id}>{label}</span>
      <div className="secret-row">
        <code className="secret-value" aria-labelledby={id}>{shown ? value : '•'.repeat(Math.min(24, value.length))}</code>
        {maskable && <Button size="small" onClick={() => setShown(!shown)} aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`}>{shown ? 'Hide' : 'Reveal'}</Button>}
        <CopyButton value={value} label={label} />
      </div>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
