// Add a product: a name, and optionally its marketplace id and ucode (an id is made up when left empty).
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import type { Product } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { onCreate: (input: { name: string; id?: string; ucode?: string }) => Promise<Product> };

export function ProductForm({ onCreate }: Props) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [ucode, setUcode] = useState('');
  const notify = useNotify();
  const { busy, error, onSubmit } = useSubmit(async () => {
    const created = await onCreate({ name, ...(id.trim() ? { id: id.trim() } : {}), ...(ucode.trim() ? { ucode: ucode.trim() } : {}) });
    notify(`${created.name} added (#${created.id})`);
    setName(''); setId(''); setUcode('');
  });
  const fields = fieldErrorsOf(error);
  return (
    <form className="product-form" onSubmit={onSubmit} noValidate aria-labelledby="add-product">
      <h3 id="add-product">Add a product</h3>
      <div className="field-row">
        <TextField label="Name" value={name} onChange={setName} error={fields.name} maxLength={200} />
        <TextField label="Product id (optional)" value={id} onChange={setId} error={fields.id} hint="Leave empty to get one." inputMode="numeric" />
        <TextField label="Ucode (optional)" value={ucode} onChange={setUcode} error={fields.ucode} />
      </div>
      <ErrorText message={error && !(error instanceof ApiError && error.fieldErrors.length > 0) ? messageOf(error) : null} />
      <Button type="submit" variant="primary" busy={busy}>Add product</Button>
    </form>
  );
}
