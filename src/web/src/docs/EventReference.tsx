// Per event and format version: every field (2.0.0: name, description, format, size, sent to affiliates; 1.0.0: the
// form fields and their source) and a sample payload.
import { useState } from 'react';
import type { Catalog, CatalogEvent } from '../api/types.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { versionLabel } from '../webhooks/versionLabel.ts';
import { FieldsTable } from './FieldsTable.tsx';
import { LegacyFieldsTable } from './LegacyFieldsTable.tsx';

/** The 2.0.0 envelope the receiver gets; id and creation_date are examples. */
const jsonSample = (event: CatalogEvent, data: Record<string, unknown>): string =>
  JSON.stringify({ id: '0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d', creation_date: 1767225600000, event: event.name, version: '2.0.0', data }, null, 2);

const audiences = [
  { value: 'producer', label: 'Producer (every field)' },
  { value: 'affiliate', label: 'Affiliate, buyer data not shared' },
];

/** A form body, one decoded field per line, so it can be read. */
const formSample = (body: string): string => [...new URLSearchParams(body)].map(([key, value]) => `${key}=${value}`).join('\n');

export function EventReference({ catalog }: { catalog: Catalog }) {
  const [eventName, setEventName] = useState(catalog.events[0]?.name ?? '');
  const [version, setVersion] = useState(catalog.versions[0] ?? '2.0.0');
  const [view, setView] = useState('fields');
  const [audience, setAudience] = useState('producer');
  const event = catalog.events.find((item) => item.name === eventName) ?? catalog.events[0];
  if (!event) return <p>The catalogue lists no events.</p>;
  const legacy = version === '1.0.0';
  const fieldCount = legacy ? event.legacy_fields?.length ?? 0 : event.fields.length;
  const affiliate = audience === 'affiliate';
  const form = affiliate ? event.affiliate_legacy_sample : event.legacy_sample;
  const sample = legacy
    ? (form
      ? <CodeBlock code={formSample(form)} label={`Sample ${event.name} (1.0.0, decoded${affiliate ? ', as an affiliate gets it' : ''})`} maxHeight={640} />
      : <p className="subtle">Send a test to a configuration set to 1.0.0: History shows the exact form body it received.</p>)
    : <CodeBlock code={jsonSample(event, affiliate ? event.affiliate_sample ?? event.sample : event.sample)} label={`Sample ${event.name}${affiliate ? ' (as an affiliate gets it)' : ''}`} maxHeight={640} />;
  return (
    <section className="card stack" aria-labelledby="events-title">
      <h2 id="events-title">Events and fields</h2>
      <div className="field-row">
        <SelectField label="Event" value={event.name} onChange={setEventName} options={catalog.events.map((item) => ({ value: item.name, label: `${item.name}: ${item.description}` }))} />
        <SelectField label="Format version" value={version} onChange={setVersion} options={catalog.versions.map((item) => ({ value: item, label: versionLabel(item) }))} />
      </div>
      <p>
        <strong className="mono">{event.name}</strong>: {event.description}.{' '}
        {legacy
          ? <>Sent as <code>application/x-www-form-urlencoded</code>, one form field each (Hotmart's legacy format), with the hottok among them.</>
          : <>Sent as <code>application/json</code>; the fields below are inside <code>data</code>.</>}
      </p>
      <Tabs label="Event reference" selected={view} onSelect={setView} tabs={[
        {
          id: 'fields', label: `Fields (${fieldCount})`,
          content: legacy
            ? <LegacyFieldsTable fields={event.legacy_fields ?? []} caption={`1.0.0 form fields of ${event.name}`} />
            : <FieldsTable fields={event.fields} caption={`Fields of ${event.name} (version ${version})`} />,
        },
        {
          id: 'sample', label: 'Sample payload',
          content: (
            <div className="stack">
              <SelectField label="Receiver" value={audience} onChange={setAudience} options={audiences} />
              {sample}
            </div>
          ),
        },
      ]} />
    </section>
  );
}
