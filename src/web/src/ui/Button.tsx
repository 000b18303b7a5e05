// The one button: variants by purpose, and a busy state that keeps its width and says so to screen readers.
import type { ButtonHTMLAttributes } from 'react';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; size?: 'small' | 'normal'; busy?: boolean };

export function Button({ variant = 'secondary', size = 'normal', busy = false, type = 'button', className, disabled, children, ...rest }: Props) {
  const classes = ['button', `button-${variant}`, size === 'small' ? 'button-small' : '', busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}
