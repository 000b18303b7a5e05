// The "share buyer data with affiliates" switch: shown changed at once, one PATCH, put back if the API refuses.
import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useNotify } from '../ui/Notices.tsx';

export function useShareBuyerData(onChanged: (product: Product) => void) {
  const [savingId, setSavingId] = useState<string | null>(null);
  const notify = useNotify();
  const setShared = async (product: Product, share: boolean) => {
    setSavingId(product.id);
    onChanged({ ...product, share_buyer_data: share });
    try {
      onChanged(await updateProduct(product.id, { share_buyer_data: share }));
      notify(share ? `${product.name} now shares buyer data with its affiliates` : `${product.name} no longer shares buyer data`);
    } catch (error) {
      onChanged(product);
      notify(`Could not change ${product.name}: ${messageOf(error)}`, 'error');
    } finally {
      setSavingId(null);
    }
  };
  return { savingId, setShared };
}
