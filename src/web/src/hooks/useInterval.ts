// Runs `tick` every `ms` while `active`, paused while the tab is hidden (no polling nobody sees).
import { useEffect, useRef } from 'react';

export function useInterval(tick: () => void | Promise<void>, ms: number, active: boolean): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    let running = false;
    const id = window.setInterval(() => {
      if (document.hidden || running) return;
      running = true;
      void Promise.resolve(tickRef.current()).finally(() => { running = false; });
    }, ms);
    return () => window.clearInterval(id);
  }, [ms, active]);
}
