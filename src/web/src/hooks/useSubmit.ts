// A form's submit: the browser's own submit prevented, busy while `action` runs, its failure kept for the form to show.
import { useState } from 'react';
import type { FormEvent } from 'react';

export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, onSubmit: (event: FormEvent) => void submit(event) };
}
