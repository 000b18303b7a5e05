// Per event and format version: every field (2.0.0: name, description, format, size, sent to affiliates; 1.0.0: the
// form fields and their source) and a sample payload.
import { useState } from 'react';
import type { Catalog, CatalogEvent } from '../api/types.ts';
import { useEventDescription, useEventName } from '../events/useEventName.ts';
import { useT } from '../i18n/useT.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { Tabs } from '../ui/Tabs.tsx';
import { versionLabel } from '../webhooks/versionLabel.ts';
import type { DescribeField } from './field-descriptions/describe.ts';
import { FieldsTable } from './FieldsTable.tsx';
import { LegacyFieldsTable } from './LegacyFieldsTable.tsx';

/**
 * The 2.0.0 envelope the receiver gets, in production's key order and spelling as the catalogue describes it; the
 * id, date and hottok are examples.
 */
const jsonSample = (event: CatalogEvent, data: Record<string, unknown>): string => JSON.stringify({
  data,
  ...(event.envelope?.hottok_in_body ? { hottok: 'YOUR_HOTTOK' } : {}),
  id: '0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d',
  [event.envelope?.creation_date_key ?? 'creation_date']: 1767225600000,
  event: event.name,
  version: '2.0.0',
}, null, 2);

/** A form body, one decoded field per line, so it can be read. */
const formSample = (body: string): string => [...new URLSearchParams(body)].map(([key, value]) => `${key}=${value}`).join('\n');

export function EventReference({ catalog, describeField }: { catalog: Catalog; describeField: DescribeField }) {
  const t = useT();
  const eventName = useEventName();
  const describe = useEventDescription();
  const [selectedName, setSelectedName] = useState(catalog.events[0]?.name ?? '');
  const [version, setVersion] = useState(catalog.versions[0] ?? '2.0.0');
  const [view, setView] = useState('fields');
  const [audience, setAudience] = useState('producer');
  const event = catalog.events.find((item) => item.name === selectedName) ?? catalog.events[0];
  if (!event) return <p>{t('reference.noEvents')}</p>;
  const legacy = version === '1.0.0';
  const fieldCount = legacy ? event.legacy_fields?.length ?? 0 : event.fields.length;
  const affiliate = audience === 'affiliate';
  const form = affiliate ? event.affiliate_legacy_sample : event.legacy_sample;
  const sampleLabel = t(affiliate ? 'reference.sampleAffiliate' : 'reference.sample', { event: event.name, version });
  const sample = legacy
    ? (form ? <CodeBlock code={formSample(form)} label={sampleLabel} maxHeight={640} /> : <p className="subtle">{t('reference.noLegacySample')}</p>)
    : <CodeBlock code={jsonSample(event, affiliate ? event.affiliate_sample ?? event.sample : event.sample)} label={sampleLabel} maxHeight={640} />;
  return (
    <section className="card stack" aria-labelledby="events-title">
      <h2 id="events-title">{t('reference.title')}</h2>
      <div className="field-row">
        <SelectField label={t('history.event')} value={event.name} onChange={setSelectedName} options={catalog.events.map((item) => ({ value: item.name, label: `${eventName(item.name)} (${item.name})` }))} />
        <SelectField label={t('webhookForm.version')} value={version} onChange={setVersion} options={catalog.versions.map((item) => ({ value: item, label: versionLabel(t, item) }))} />
      </div>
      <p>
        <strong>{eventName(event.name)}</strong> <span className="event-code">{event.name}</span>: {describe(event.name) ?? event.description}{' '}
        {t.rich(legacy ? 'reference.sentAsForm' : 'reference.sentAsJson')}
      </p>
      <Tabs label={t('reference.tabsLabel')} selected={view} onSelect={setView} tabs={[
        {
          id: 'fields', label: t('reference.fields', { count: fieldCount }),
          content: legacy
            ? <LegacyFieldsTable fields={event.legacy_fields ?? []} describeField={describeField} caption={t('reference.legacyCaption', { event: event.name })} />
            : <FieldsTable fields={event.fields} describeField={describeField} caption={t('reference.fieldsCaption', { event: event.name, version })} />,
        },
        {
          id: 'sample', label: t('reference.samplePayload'),
          content: (
            <div className="stack">
              <SelectField label={t('reference.receiver')} value={audience} onChange={setAudience}
                options={[{ value: 'producer', label: t('reference.asProducer') }, { value: 'affiliate', label: t('reference.asAffiliate') }]} />
              {sample}
            </div>
          ),
        },
      ]} />
    </section>
  );
}
