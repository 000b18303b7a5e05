// Create or edit a configuration. The form checks each field first and says, next to it and in the user's language,
// what it needs; a field the API still refuses gets the same kind of sentence. The keyboard goes to the first one.
import { useLayoutEffect, useState } from 'react';
import { createWebhook, updateWebhook } from '../api/endpoints.ts';
import type { CatalogEvent, ProductChoice, Webhook, WebhookInput } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { checkWebhookForm } from './checkWebhookForm.ts';
import { EventPicker } from './EventPicker.tsx';
import { ProductScopePicker } from './ProductScopePicker.tsx';
import { versionLabel } from './versionLabel.ts';

type Props = {
  webhook: Webhook | null;
  events: CatalogEvent[];
  versions: string[];
  /** Undefined while they load. */
  products: ProductChoice[] | undefined;
  affiliate: boolean;
  onSaved: (webhook: Webhook, secret?: string) => void;
  onCancel: () => void;
  /** Whether the form holds input that closing would lose. */
  onDirty: (dirty: boolean) => void;
};

export function WebhookForm({ webhook, events, versions, products, affiliate, onSaved, onCancel, onDirty }: Props) {
  const t = useT();
  const [name, setName] = useState(webhook?.name ?? '');
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [selectedEvents, setSelectedEvents] = useState<string[]>(webhook?.events ?? []);
  const [productMode, setProductMode] = useState<'all' | 'some'>(webhook && webhook.products !== 'all' ? 'some' : 'all');
  const [productIds, setProductIds] = useState<string[]>(webhook && webhook.products !== 'all' ? webhook.products : []);
  const [version, setVersion] = useState(webhook?.version ?? versions[0] ?? '2.0.0');
  const [maxAttempts, setMaxAttempts] = useState(webhook?.max_attempts == null ? '' : String(webhook.max_attempts));
  const [hottokInBody, setHottokInBody] = useState(webhook?.hottok_in_body ?? false);
  const isHook = webhook?.version === 'hook';
  const values = { name, url, events: selectedEvents, productMode, productIds, maxAttempts };
  const [initial] = useState(() => JSON.stringify({ ...values, version, hottokInBody }));
  const dirty = JSON.stringify({ ...values, version, hottokInBody }) !== initial;
  // a layout effect: the dialog knows the form is dirty before the browser handles the next key, so an Escape pressed
  // right after typing already asks (a passive effect left a window in which it closed the dialog without asking)
  useLayoutEffect(() => onDirty(dirty), [dirty, onDirty]);

  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    const input: WebhookInput = {
      name: name.trim(), url: url.trim(), events: selectedEvents, version,
      products: productMode === 'all' ? 'all' : productIds,
      max_attempts: maxAttempts.trim() === '' ? null : Number(maxAttempts),
      hottok_in_body: hottokInBody,
    };
    if (webhook) onSaved(await updateWebhook(webhook.id, input));
    else {
      const created = await createWebhook(input);
      onSaved(created, created.secret);
    }
  }, () => checkWebhookForm(t, values));

  const named = invalidFields(error);
  // the guard's refusal names a private network: say that, not "invalid address"
  const urlBlocked = named.get('url')?.includes('POSTBACK_ALLOW_NETWORKS') ?? false;
  const urlTooLong = named.get('url')?.startsWith('at most') ?? false;
  // a chosen product the account no longer has or promotes (webhook-checks.ts): not "choose at least one"
  const productsUnknown = named.get('products')?.startsWith('no product "') ?? false;
  const productsKey = !productsUnknown ? 'webhookForm.productsNeeded' : affiliate ? 'webhookForm.productsUnknownAffiliate' : 'webhookForm.productsUnknown';
  const fields = {
    ...fieldMessages(t, error, {
      name: 'webhookForm.nameNeeded', url: urlBlocked ? 'webhookForm.urlBlocked' : urlTooLong ? 'webhookForm.urlTooLong' : 'webhookForm.urlNeeded', events: 'webhookForm.eventsNeeded',
      products: productsKey, version: 'webhookForm.versionNeeded', max_attempts: 'webhookForm.attemptsNeeded',
    }),
    ...problems,
  };
  const marked = Object.keys(fields).length > 0;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="stack webhook-form">
      {marked && <p className="error-text" role="alert">{t('form.fixFields')}</p>}
      <TextField label={t('webhookForm.name')} data-autofocus value={name} onChange={setName} error={fields.name} hint={t('webhookForm.nameHint')} maxLength={120} />
      <TextField label={t('webhookForm.url')} type="url" inputMode="url" value={url} onChange={setUrl} error={fields.url} hint={t('webhookForm.urlHint')} placeholder="https://example.com/webhooks/hotmart" />
      <EventPicker events={events} selected={selectedEvents} onChange={setSelectedEvents} error={fields.events} />
      <ProductScopePicker products={products} affiliate={affiliate} mode={productMode} selected={productIds} saved={webhook && webhook.products !== 'all' ? webhook.products : []}
        onMode={setProductMode} onSelected={setProductIds} error={fields.products} />
      <div className="field-row">
        {/* a REST hook keeps the flat format its automation tool reads: switching it to a Hotmart format would break the Zap */}
        <SelectField label={t('webhookForm.version')} value={version} onChange={setVersion} error={fields.version} disabled={isHook}
          hint={isHook ? t('webhookForm.versionHookHint') : undefined}
          options={[...new Set([...versions, webhook?.version ?? versions[0] ?? '2.0.0'])].map((item) => ({ value: item, label: versionLabel(t, item) }))} />
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
