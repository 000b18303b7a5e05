// A labelled on/off switch (a real checkbox with role="switch") for sharing a product's buyer data with affiliates.
import type { Product } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';

type Props = { product: Product; saving: boolean; onChange: (share: boolean) => void };

export function ShareBuyerDataSwitch({ product, saving, onChange }: Props) {
  const t = useT();
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={product.share_buyer_data} disabled={saving} aria-busy={saving || undefined}
        onChange={(event) => onChange(event.target.checked)} />
      <span className="switch-text">{t('share.label')}<span className="visually-hidden">: {product.name}</span></span>
    </label>
  );
}
