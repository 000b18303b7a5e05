// A labelled <select> with its hint and error.
import { useId } from 'react';

type Option = { value: string; label: string };
type Props = { label: string; value: string; onChange: (value: string) => void; options: Option[]; hint?: string; error?: string | undefined; name?: string; className?: string; disabled?: boolean };

export function SelectField({ label, value, onChange, options, hint, error, name, className, disabled }: Props) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
