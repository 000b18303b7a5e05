// Per event and format version: every field (name, description, format, size, sent to affiliates) and a sample.
import { useState } from 'react';
import type { Catalog } from '../api/types.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { FieldsTable } from './FieldsTable.tsx';

export function EventReference({ catalog }: { catalog: Catalog }) {
  const [eventName, setEventName] = useState(catalog.events[0]?.name ?? '');
  const [version, setVersion] = useState(catalog.versions[0] ?? '2.0.0');
  const [view, setView] = useState('fields');
  const event = catalog.events.find((item) => item.name === eventName) ?? catalog.events[0];
  if (!event) return <p>The catalogue lists no events.</p>;
  // the envelope is what the receiver gets; id and creation_date are examples
  const sample = JSON.stringify({ id: '0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d', creation_date: 1767225600000, event: event.name, version, data: event.sample }, null, 2);
  return (
    <section className="card stack" aria-labelledby="events-title">
      <h2 id="events-title">Events and fields</h2>
      <div className="field-row">
        <SelectField label="Event" value={event.name} onChange={setEventName} options={catalog.events.map((item) => ({ value: item.name, label: `${item.name}: ${item.description}` }))} />
        <SelectField label="Format version" value={version} onChange={setVersion} options={catalog.versions.map((item) => ({ value: item, label: item === '2.0.0' ? '2.0.0 (JSON)' : item }))} />
      </div>
      <p><strong className="mono">{event.name}</strong>: {event.description}. Sent as <code>application/json</code>; the fields below are inside <code>data</code>.</p>
      <Tabs label="Event reference" selected={view} onSelect={setView} tabs={[
        { id: 'fields', label: `Fields (${event.fields.length})`, content: <FieldsTable fields={event.fields} caption={`Fields of ${event.name} (version ${version})`} /> },
        { id: 'sample', label: 'Sample payload', content: <CodeBlock code={sample} label={`Sample ${event.name}`} maxHeight={640} /> },
      ]} />
    </section>
  );
}
