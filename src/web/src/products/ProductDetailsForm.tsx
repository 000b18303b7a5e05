// A product's name and ucode, edited in place; its id is the marketplace's and does not change.
import { useState } from 'react';
import { updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { isUuid } from '../ui/fieldChecks.ts';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

export function ProductDetailsForm({ product, onSaved }: { product: Product; onSaved: (product: Product) => void }) {
  const t = useT();
  const notify = useNotify();
  const [name, setName] = useState(product.name);
  const [ucode, setUcode] = useState(product.ucode ?? '');
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    onSaved(await updateProduct(product.id, { name: name.trim(), ucode: ucode.trim() === '' ? null : ucode.trim() }));
    notify(t('products.saved', { name: name.trim() }));
  }, (): Record<string, string> => ({
    ...(name.trim() === '' || name.trim().length > 200 ? { name: t('products.nameNeeded') } : {}),
    ...(ucode.trim() !== '' && !isUuid(ucode.trim()) ? { ucode: t('products.ucodeNeeded') } : {}),
  }));
  const fields = { ...fieldMessages(t, error, { name: 'products.nameNeeded', ucode: 'products.ucodeNeeded' }), ...problems };
  return (
    <section className="card stack" aria-labelledby="details-title">
      <h2 id="details-title">{t('products.details')}</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
        <div className="field-row">
          <TextField label={t('products.name')} value={name} onChange={setName} error={fields.name} maxLength={200} />
          <TextField label={t('products.ucodeOptional')} value={ucode} onChange={setUcode} error={fields.ucode} />
        </div>
        <p className="hint">{t('products.idFixed', { id: product.id })}</p>
        <ErrorText message={error && invalidFields(error).size === 0 ? errorText(t, error) : null} />
        <div><Button type="submit" variant="primary" busy={busy} disabled={name === product.name && ucode === (product.ucode ?? '')}>{t('common.saveChanges')}</Button></div>
      </form>
    </section>
  );
}
