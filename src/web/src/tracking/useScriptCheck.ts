// Whether /tracking.js answers at this Postback's address, as a landing page would ask for it: a JavaScript answer
// means reachable; anything else (an error page, no answer) is reported with the address that was tried.
import { useCallback, useEffect, useState } from 'react';

export type ScriptCheck = { state: 'checking' } | { state: 'reachable'; bytes: number } | { state: 'unreachable' };

export function useScriptCheck(url: string): { check: ScriptCheck; run: () => void } {
  const [check, setCheck] = useState<ScriptCheck>({ state: 'checking' });
  const run = useCallback(() => {
    setCheck({ state: 'checking' });
    void (async () => {
      try {
        const response = await fetch(url, { cache: 'no-store' });
        const body = await response.text();
        const javascript = (response.headers.get('content-type') ?? '').includes('javascript');
        setCheck(response.ok && javascript ? { state: 'reachable', bytes: new Blob([body]).size } : { state: 'unreachable' });
      } catch {
        setCheck({ state: 'unreachable' });
      }
    })();
  }, [url]);
  useEffect(run, [run]);
  return { check, run };
}
