// Create or edit a configuration. The API validates; each field it names gets the form's own explanation, in the
// user's language, next to the field.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { createWebhook, updateWebhook } from '../api/endpoints.ts';
import type { CatalogEvent, Product, Webhook, WebhookInput } from '../api/types.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
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

export function WebhookForm({ webhook, events, versions, products, onSaved, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(webhook?.name ?? '');
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [selectedEvents, setSelectedEvents] = useState<string[]>(webhook?.events ?? []);
  const [productMode, setProductMode] = useState<'all' | 'some'>(webhook && webhook.products !== 'all' ? 'some' : 'all');
  const [productIds, setProductIds] = useState<string[]>(webhook && webhook.products !== 'all' ? webhook.products : []);
  const [version, setVersion] = useState(webhook?.version ?? versions[0] ?? '2.0.0');
  const [maxAttempts, setMaxAttempts] = useState(webhook?.max_attempts == null ? '' : String(webhook.max_attempts));
  const [hottokInBody, setHottokInBody] = useState(webhook?.hottok_in_body ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);

  const named = invalidFields(error);
  // the guard's refusal names a private network: say that, not "invalid address"
  const urlBlocked = named.get('url')?.includes('POSTBACK_ALLOW_NETWORKS') ?? false;
  const fields = fieldMessages(t, error, {
    name: 'webhookForm.nameNeeded', url: urlBlocked ? 'webhookForm.urlBlocked' : 'webhookForm.urlNeeded', events: 'webhookForm.eventsNeeded',
    products: 'webhookForm.productsNeeded', version: 'webhookForm.versionNeeded', max_attempts: 'webhookForm.attemptsNeeded',
  });
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
      hottok_in_body: hottokInBody,
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

  return (
    <form ref={form} onSubmit={(event) => void submit(event)} noValidate className="stack webhook-form">
      {named.size > 0 && <p className="error-text" role="alert">{t('form.fixFields')}</p>}
      <TextField label={t('webhookForm.name')} data-autofocus value={name} onChange={setName} error={fields.name} hint={t('webhookForm.nameHint')} maxLength={120} />
      <TextField label={t('webhookForm.url')} type="url" inputMode="url" value={url} onChange={setUrl} error={fields.url} hint={t('webhookForm.urlHint')} placeholder="https://example.com/webhooks/hotmart" />
      <EventPicker events={events} selected={selectedEvents} onChange={setSelectedEvents} error={fields.events} />
      <ProductScopePicker products={products} mode={productMode} selected={productIds} onMode={setProductMode} onSelected={setProductIds} error={fields.products} />
      <div className="field-row">
        <SelectField label={t('webhookForm.version')} value={version} onChange={setVersion} error={fields.version} options={versions.map((item) => ({ value: item, label: versionLabel(t, item) }))} />
        <TextField label={t('webhooks.attempts')} type="number" inputMode="numeric" min={1} max={20} value={maxAttempts} onChange={setMaxAttempts} error={fields.max_attempts} hint={t('webhookForm.attemptsHint')} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={hottokInBody} onChange={(change) => setHottokInBody(change.target.checked)} />
        <span>
          {t('webhookForm.hottokInBody')}
          <span className="checkbox-hint">{t('webhookForm.hottokInBodyHint')}</span>
        </span>
      </label>
      <ErrorText message={error && named.size === 0 ? errorText(t, error) : null} />
      <div className="dialog-actions">
        <Button onClick={onCancel} disabled={busy}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={busy}>{t(webhook ? 'common.saveChanges' : 'webhookForm.create')}</Button>
      </div>
    </form>
  );
}
