// Add a product: a name, and optionally its marketplace id and ucode (an id is made up when left empty).
import { useState } from 'react';
import type { Product } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { onCreate: (input: { name: string; id?: string; ucode?: string }) => Promise<Product> };

export function ProductForm({ onCreate }: Props) {
  const t = useT();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [ucode, setUcode] = useState('');
  const notify = useNotify();
  const { busy, error, onSubmit } = useSubmit(async () => {
    const created = await onCreate({ name, ...(id.trim() ? { id: id.trim() } : {}), ...(ucode.trim() ? { ucode: ucode.trim() } : {}) });
    notify(t('products.added', { name: created.name, id: created.id }));
    setName(''); setId(''); setUcode('');
  });
  const fields = fieldMessages(t, error, { name: 'products.nameNeeded', id: 'products.idNeeded', ucode: 'products.ucodeNeeded' });
  return (
    <form className="product-form" onSubmit={onSubmit} noValidate aria-labelledby="add-product">
      <h3 id="add-product">{t('products.addTitle')}</h3>
      <div className="field-row">
        <TextField label={t('products.name')} value={name} onChange={setName} error={fields.name} maxLength={200} />
        <TextField label={t('products.idOptional')} value={id} onChange={setId} error={fields.id} hint={t('products.idHint')} inputMode="numeric" />
        <TextField label={t('products.ucodeOptional')} value={ucode} onChange={setUcode} error={fields.ucode} />
      </div>
      <ErrorText message={error && invalidFields(error).size === 0 ? errorText(t, error, { conflict: 'products.idTaken' }) : null} />
      <Button type="submit" variant="primary" busy={busy}>{t('products.add')}</Button>
    </form>
  );
}
