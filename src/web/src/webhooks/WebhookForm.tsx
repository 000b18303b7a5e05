// Create or edit a configuration. The API validates; its messages appear next to the field they name.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import { createWebhook, updateWebhook } from '../api/endpoints.ts';
import type { CatalogEvent, Product, Webhook, WebhookInput } from '../api/types.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { EventPicker } from './EventPicker.tsx';
import { ProductScopePicker } from './ProductScopePicker.tsx';
import { versionLabel } from './versionLabel.ts';

type Props = {
  webhook: Webhook | null;
  events: CatalogEvent[];
  versions: string[];
  products: Product[];
  onSaved: (webhook: Webhook, secret?: string) => void;
  onCancel: () => void;
};

const knownFields = new Set(['name', 'url', 'events', 'products', 'version', 'max_attempts']);

export function WebhookForm({ webhook, events, versions, products, onSaved, onCancel }: Props) {
  const [name, setName] = useState(webhook?.name ?? '');
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [selectedEvents, setSelectedEvents] = useState<string[]>(webhook?.events ?? []);
  const [productMode, setProductMode] = useState<'all' | 'some'>(webhook && webhook.products !== 'all' ? 'some' : 'all');
  const [productIds, setProductIds] = useState<string[]>(webhook && webhook.products !== 'all' ? webhook.products : []);
  const [version, setVersion] = useState(webhook?.version ?? versions[0] ?? '2.0.0');
  const [maxAttempts, setMaxAttempts] = useState(webhook?.max_attempts == null ? '' : String(webhook.max_attempts));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);

  const fields = fieldErrorsOf(error);
  useEffect(() => {
    // after a failed save, take the keyboard to the first field the API named
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]:is(input, select), fieldset[aria-invalid="true"] input');
    first?.focus({ preventScroll: true });
    first?.closest('.field')?.scrollIntoView({ block: 'start' });
  }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: WebhookInput = {
      name, url, events: selectedEvents, version,
      products: productMode === 'all' ? 'all' : productIds,
      max_attempts: maxAttempts.trim() === '' ? null : Number(maxAttempts),
    };
    setBusy(true);
    setError(null);
    try {
      if (webhook) onSaved(await updateWebhook(webhook.id, input));
      else {
        const created = await createWebhook(input);
        onSaved(created, created.secret);
      }
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const unplaced = error instanceof ApiError ? error.fieldErrors.filter((item) => !knownFields.has(item.path.replace(/^body\.?/, '').split('.')[0] ?? '')) : [];
  const general = error && (!(error instanceof ApiError) || error.fieldErrors.length === 0) ? messageOf(error) : unplaced.map((item) => item.message).join('; ') || null;
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} noValidate className="stack webhook-form">
      {error instanceof ApiError && error.fieldErrors.length > 0 && <p className="error-text" role="alert">Please correct the fields marked below.</p>}
      <TextField label="Name" data-autofocus value={name} onChange={setName} error={fields.name} hint="For you only, e.g. “Members area” or “Facebook pixel”." maxLength={120} />
      <TextField label="URL" type="url" inputMode="url" value={url} onChange={setUrl} error={fields.url} hint="Where Postback POSTs each event: https://…" placeholder="https://example.com/webhooks/hotmart" />
      <EventPicker events={events} selected={selectedEvents} onChange={setSelectedEvents} error={fields.events} />
      <ProductScopePicker products={products} mode={productMode} selected={productIds} onMode={setProductMode} onSelected={setProductIds} error={fields.products} />
      <div className="field-row">
        <SelectField label="Format version" value={version} onChange={setVersion} error={fields.version} options={versions.map((item) => ({ value: item, label: versionLabel(item) }))} />
        <TextField label="Attempts" type="number" inputMode="numeric" min={1} max={20} value={maxAttempts} onChange={setMaxAttempts} error={fields.max_attempts} hint="Empty: the server's schedule (5 by default)." />
      </div>
      <ErrorText message={general} />
      <div className="dialog-actions">
        <Button onClick={onCancel} disabled={busy}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy}>{webhook ? 'Save changes' : 'Create configuration'}</Button>
      </div>
    </form>
  );
}
