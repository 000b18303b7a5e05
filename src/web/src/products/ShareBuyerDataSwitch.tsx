// "Share buyer data with affiliates", per product: a real checkbox with role="switch". Buyer data is personal data
// under the LGPD, so every change is confirmed first, saying what it means; nothing changes on a cancel.
import { useState } from 'react';
import { updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';

export function ShareBuyerDataSwitch({ product, onChanged }: { product: Product; onChanged: (product: Product) => void }) {
  const t = useT();
  const notify = useNotify();
  const [asking, setAsking] = useState<boolean | null>(null);
  return (
    <>
      <label className="switch">
        <input type="checkbox" role="switch" checked={product.share_buyer_data} onChange={(event) => setAsking(event.target.checked)} />
        <span className="switch-text">{t('share.label')}<span className="visually-hidden">: {product.name}</span></span>
      </label>
      <ConfirmDialog open={asking !== null} title={t(asking ? 'share.confirmOnTitle' : 'share.confirmOffTitle')} confirmLabel={t(asking ? 'share.confirmOn' : 'share.confirmOff')}
        onCancel={() => setAsking(null)}
        onConfirm={async () => {
          const share = asking === true;
          onChanged(await updateProduct(product.id, { share_buyer_data: share }));
          notify(t(share ? 'share.on' : 'share.off', { name: product.name }));
          setAsking(null);
        }}>
        <p>{t.rich(asking ? 'share.confirmOnText' : 'share.confirmOffText', { name: product.name })}</p>
      </ConfirmDialog>
    </>
  );
}
