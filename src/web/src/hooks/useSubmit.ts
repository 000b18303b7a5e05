// A form's submit: the browser's own submit prevented, the form's own checks first (nothing is sent while a field
// is wrong), busy while `action` runs, its failure kept for the form to show; after every submit that left a field
// marked invalid, the keyboard goes to the first such field.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';

/** Field name → the message to show next to it, in the user's language. */
export type FieldProblems = Record<string, string>;

export function useSubmit(action: () => Promise<void>, check: () => FieldProblems = () => ({})) {
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (attempts === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:is(input, select, textarea), fieldset[aria-invalid="true"] :is(input, textarea)');
    first?.focus({ preventScroll: true });
    first?.closest('.field')?.scrollIntoView({ block: 'nearest' });
  }, [attempts]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) { setAttempts((n) => n + 1); return; }
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      setAttempts((n) => n + 1);
    }
  };
  return { busy, error, problems, formRef, onSubmit: (event: FormEvent) => void submit(event) };
}
