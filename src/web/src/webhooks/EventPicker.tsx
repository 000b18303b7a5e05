// The events a configuration subscribes to: checkboxes grouped by family, with select all / clear.
import { useId } from 'react';
import type { CatalogEvent } from '../api/types.ts';
import { Button } from '../ui/Button.tsx';

const familyNames: Record<string, string> = { purchase: 'Purchases', cart: 'Cart', subscription: 'Subscriptions', club: 'Members area (Club)' };

type Props = { events: CatalogEvent[]; selected: string[]; onChange: (selected: string[]) => void; error?: string | undefined };

export function EventPicker({ events, selected, onChange, error }: Props) {
  const id = useId();
  const families = [...new Set(events.map((event) => event.family))];
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((item) => item !== name));
  return (
    <fieldset className="field event-picker" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} data-field="events">
      <legend>Events</legend>
      <div className="inline-actions">
        <Button size="small" variant="ghost" onClick={() => onChange(events.map((event) => event.name))}>Select all</Button>
        <Button size="small" variant="ghost" onClick={() => onChange([])}>Clear</Button>
        <span className="hint">{selected.length} of {events.length} selected</span>
      </div>
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
      {families.map((family) => (
        <div key={family} className="event-family">
          <p className="event-family-name">{familyNames[family] ?? family}</p>
          <div className="checkbox-grid">
            {events.filter((event) => event.family === family).map((event) => (
              <label key={event.name} className="checkbox">
                <input type="checkbox" checked={selected.includes(event.name)} onChange={(change) => toggle(event.name, change.target.checked)} />
                <span><span className="mono">{event.name}</span><span className="checkbox-hint">{event.description}</span></span>
              </label>
            ))}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
