// The "share buyer data with affiliates" switch: shown changed at once, one PATCH, put back if the API refuses.
import { useState } from 'react';
import { updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { useNotify } from '../ui/Notices.tsx';

export function useShareBuyerData(onChanged: (product: Product) => void) {
  const t = useT();
  const [savingId, setSavingId] = useState<string | null>(null);
  const notify = useNotify();
  const setShared = async (product: Product, share: boolean) => {
    setSavingId(product.id);
    onChanged({ ...product, share_buyer_data: share });
    try {
      onChanged(await updateProduct(product.id, { share_buyer_data: share }));
      notify(t(share ? 'share.on' : 'share.off', { name: product.name }));
    } catch (error) {
      onChanged(product);
      notify(t('share.failed', { name: product.name, reason: errorText(t, error) }), 'error');
    } finally {
      setSavingId(null);
    }
  };
  return { savingId, setShared };
}
