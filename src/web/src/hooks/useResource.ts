// Loads one thing from the API and tracks it: loading, ready (with data) or error; `reload` fetches again
// without blanking what is shown, so screens never jump back to a skeleton on refresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  setData: Dispatch<SetStateAction<T | undefined>>;
};

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchNow = useCallback(async () => {
    const call = ++latest.current;
    try {
      const value = await loadRef.current();
      if (call !== latest.current) return; // a newer load started: its answer wins
      setData(value);
      setError(null);
    } catch (failure) {
      if (call === latest.current) setError(failure);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    setData(undefined);
    setError(null);
    void fetchNow();
  }, [key, fetchNow]);

  return { data, error, loading, reload: fetchNow, setData };
}
