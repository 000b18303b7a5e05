// A credential on screen: masked until revealed (when `maskable`), always copyable.
import { useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';
import { CopyButton } from './CopyButton.tsx';

type Props = { label: string; value: string; maskable?: boolean; hint?: string | undefined };

export function SecretValue({ label, value, maskable = false, hint }: Props) {
  const t = useT();
  const [shown, setShown] = useState(!maskable);
  const id = useId();
  return (
    <div className="secret">
      <span className="secret-label" id={id}>{label}</span>
      <div className="secret-row">
        <code className="secret-value" aria-labelledby={id}>{shown ? value : '•'.repeat(Math.min(24, value.length))}</code>
        {maskable && (
          <Button size="small" onClick={() => setShown(!shown)} aria-pressed={shown} aria-label={t(shown ? 'secret.hideLabel' : 'secret.revealLabel', { label })}>
            <span className="stacked-labels">
              <span aria-hidden={shown || undefined}>{t('secret.reveal')}</span>
              <span aria-hidden={!shown || undefined}>{t('secret.hide')}</span>
            </span>
          </Button>
        )}
        <CopyButton value={value} label={label} />
      </div>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
