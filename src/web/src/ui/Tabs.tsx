// Accessible tabs (WAI-ARIA pattern): arrow keys move between tabs, only the selected one is in the tab order.
import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

type Tab = { id: string; label: string; content: ReactNode };

export function Tabs({ tabs, selected, onSelect, label }: { tabs: Tab[]; selected: string; onSelect: (id: string) => void; label: string }) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  const onKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    onSelect(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((tab, index) => (
          <button key={tab.id} ref={(element) => { refs.current[index] = element; }} type="button" role="tab" id={`${base}-${tab.id}`}
            aria-selected={tab.id === current?.id} aria-controls={`${base}-${tab.id}-panel`} tabIndex={tab.id === current?.id ? 0 : -1}
            onClick={() => onSelect(tab.id)} onKeyDown={(event) => onKey(event, index)}>
            {tab.label}
          </button>
        ))}
      </div>
      {current && <div role="tabpanel" id={`${base}-${current.id}-panel`} aria-labelledby={`${base}-${current.id}`} className="tabpanel">{current.content}</div>}
    </div>
  );
}
