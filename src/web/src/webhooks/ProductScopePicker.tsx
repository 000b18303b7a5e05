// Which products a configuration covers: all of them, or a chosen few.
import { useId } from 'react';
import type { Product } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';

type Props = { products: Product[]; mode: 'all' | 'some'; selected: string[]; onMode: (mode: 'all' | 'some') => void; onSelected: (ids: string[]) => void; error?: string | undefined };

export function ProductScopePicker({ products, mode, selected, onMode, onSelected, error }: Props) {
  const t = useT();
  const id = useId();
  const toggle = (productId: string, on: boolean) => onSelected(on ? [...selected, productId] : selected.filter((item) => item !== productId));
  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} data-field="products">
      <legend>{t('webhookForm.products')}</legend>
      <div className="radio-row">
        <label className="checkbox"><input type="radio" name={`${id}-mode`} checked={mode === 'all'} onChange={() => onMode('all')} /> {t('webhookForm.allProducts')}</label>
        <label className="checkbox"><input type="radio" name={`${id}-mode`} checked={mode === 'some'} onChange={() => onMode('some')} /> {t('webhookForm.someProducts')}</label>
      </div>
      {mode === 'some' && (products.length === 0
        ? <p className="hint">{t('webhookForm.noProducts')}</p>
        : (
          <div className="checkbox-grid">
            {products.map((product) => (
              <label key={product.id} className="checkbox">
                <input type="checkbox" checked={selected.includes(product.id)} onChange={(change) => toggle(product.id, change.target.checked)} />
                <span>{product.name} <span className="mono hint-inline">#{product.id}</span></span>
              </label>
            ))}
          </div>
        ))}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
}
