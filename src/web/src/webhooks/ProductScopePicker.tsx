// Which products a configuration covers: all of them, or a chosen few. A producer picks among its products, an
// affiliate among those it promotes and its own. An id the configuration keeps whose product is gone since (deleted,
// or an affiliation ended) is listed too, ticked and marked as no longer available, so it can be unticked: the API
// keeps such ids on an edit that keeps them, and refuses them once left out.
import { useId } from 'react';
import type { ProductChoice } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';

type Props = {
  /** Undefined while they load: no id is marked gone before they are known. */
  products: ProductChoice[] | undefined;
  affiliate: boolean;
  mode: 'all' | 'some';
  selected: string[];
  /** The ids of the scope as saved (none for a new configuration). */
  saved: string[];
  onMode: (mode: 'all' | 'some') => void;
  onSelected: (ids: string[]) => void;
  error?: string | undefined;
};

export function ProductScopePicker({ products, affiliate, mode, selected, saved, onMode, onSelected, error }: Props) {
  const t = useT();
  const id = useId();
  const toggle = (productId: string, on: boolean) => onSelected(on ? [...selected, productId] : selected.filter((item) => item !== productId));
  const listed = products ?? [];
  const gone = products === undefined ? [] : [...new Set([...saved, ...selected])].filter((productId) => !listed.some((product) => product.id === productId));
  return (
    <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined} data-field="products">
      <legend>{t('webhookForm.products')}</legend>
      <div className="radio-row">
        <label className="checkbox"><input type="radio" name={`${id}-mode`} checked={mode === 'all'} onChange={() => onMode('all')} /> {t('webhookForm.allProducts')}</label>
        <label className="checkbox"><input type="radio" name={`${id}-mode`} checked={mode === 'some'} onChange={() => onMode('some')} /> {t('webhookForm.someProducts')}</label>
      </div>
      {mode === 'some' && (listed.length === 0 && gone.length === 0
        ? <p className="hint">{t(affiliate ? 'webhookForm.noPromotedProducts' : 'webhookForm.noProducts')}</p>
        : (
          <div className="checkbox-grid">
            {listed.map((product) => (
              <label key={product.id} className="checkbox">
                <input type="checkbox" checked={selected.includes(product.id)} onChange={(change) => toggle(product.id, change.target.checked)} />
                <span>{product.name} <span className="mono hint-inline">#{product.id}</span></span>
              </label>
            ))}
            {gone.map((productId) => (
              <label key={productId} className="checkbox product-gone" data-gone={productId}>
                <input type="checkbox" checked={selected.includes(productId)} onChange={(change) => toggle(productId, change.target.checked)} />
                <span><span className="mono">#{productId}</span> <span className="hint-inline">{t('webhookForm.productGone')}</span></span>
              </label>
            ))}
          </div>
        ))}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
}
