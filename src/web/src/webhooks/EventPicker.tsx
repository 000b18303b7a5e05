// The events a configuration subscribes to: checkboxes grouped by family, with select all / clear. Each event reads
// in words, with its code name and what it means below.
import { useId } from 'react';
import type { CatalogEvent } from '../api/types.ts';
import { useEventDescription, useEventName } from '../events/useEventName.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';

const familyNames: Record<string, MessageKey> = { purchase: 'family.purchase', cart: 'family.cart', subscription: 'family.subscription', club: 'family.club' };

type Props = { events: CatalogEvent[]; selected: string[]; onChange: (selected: string[]) => void; error?: string | undefined };

export function EventPicker({ events, selected, onChange, error }: Props) {
  const t = useT();
  const name = useEventName();
  const describe = useEventDescription();
  const id = useId();
  const families = [...new Set(events.map((event) => event.family))];
  const toggle = (code: string, on: boolean) => onChange(on ? [...selected, code] : selected.filter((item) => item !== code));
  return (
    <fieldset className="field event-picker" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} data-field="events">
      <legend>{t('webhookForm.events')}</legend>
      <div className="inline-actions">
        <Button size="small" variant="ghost" onClick={() => onChange(events.map((event) => event.name))}>{t('webhookForm.selectAll')}</Button>
        <Button size="small" variant="ghost" onClick={() => onChange([])}>{t('webhookForm.clear')}</Button>
        <span className="hint">{t('webhookForm.selectedCount', { selected: selected.length, total: events.length })}</span>
      </div>
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
      {families.map((family) => {
        const familyKey = familyNames[family];
        return (
          <div key={family} className="event-family">
            <p className="event-family-name">{familyKey ? t(familyKey) : family}</p>
            <div className="checkbox-grid">
              {events.filter((event) => event.family === family).map((event) => (
                <label key={event.name} className="checkbox">
                  <input type="checkbox" checked={selected.includes(event.name)} onChange={(change) => toggle(event.name, change.target.checked)} />
                  <span>
                    {name(event.name)} <span className="event-code">{event.name}</span>
                    <span className="checkbox-hint">{describe(event.name) ?? event.description}</span>
                  </span>
                </label>
              ))}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
