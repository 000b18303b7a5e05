// An event as people read it: its name in words, with the code name secondary.
import { useEventName } from './useEventName.ts';

export function EventLabel({ code, block = false }: { code: string; block?: boolean }) {
  const name = useEventName();
  const words = name(code);
  if (words === code) return <span className="mono">{code}</span>;
  return <span className={block ? 'event-label event-label-block' : 'event-label'}>{words} <span className="event-code">{code}</span></span>;
}
