// The one button: variants by purpose, and a busy state that keeps its width and says so to screen readers.
import type { ButtonHTMLAttributes, MouseEvent } from 'react';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; size?: 'small' | 'normal'; busy?: boolean };

/**
 * Busy is aria-disabled, not disabled: the browser takes the keyboard away from a button the moment it becomes
 * disabled, and focus fell to <body> after every press of a button that waits for the API. A press while busy does
 * nothing, and neither does the submit it would make (Enter in a field presses the form's submit button).
 */
export function Button({ variant = 'secondary', size = 'normal', busy = false, type = 'button', className, disabled, onClick, children, ...rest }: Props) {
  const classes = ['button', `button-${variant}`, size === 'small' ? 'button-small' : '', busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ');
  const ignoreWhileBusy = (event: MouseEvent<HTMLButtonElement>) => event.preventDefault();
  return (
    <button type={type} className={classes} disabled={disabled} aria-disabled={busy || undefined} aria-busy={busy || undefined} onClick={busy ? ignoreWhileBusy : onClick} {...rest}>
      {children}
    </button>
  );
}
