// Removing a product: deleted when it never sold, archived (kept for the history, restorable) when it did. The
// dialog says which before the user confirms.
import { useState } from 'react';
import { removeProduct, updateProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';

type Props = { product: Product; onRemoved: (result: 'deleted' | 'archived', product: Product) => void };

export function RemoveProduct({ product, onRemoved }: Props) {
  const t = useT();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const restore = async () => {
    setRestoring(true);
    try {
      onRemoved('archived', await updateProduct(product.id, { archived: false }));
      notify(t('products.restored', { name: product.name }));
    } finally {
      setRestoring(false);
    }
  };
  return (
    <section className="card stack danger-zone" aria-labelledby="remove-title">
      <h2 id="remove-title">{t('products.removeTitle')}</h2>
      <p className="subtle">{t('products.removeExplain')}</p>
      <div className="inline-actions">
        {product.archived_at
          ? <Button onClick={() => void restore()} busy={restoring}>{t('products.restore')}</Button>
          : <Button variant="danger" onClick={() => setConfirming(true)}>{t('products.remove')}</Button>}
      </div>
      <ConfirmDialog open={confirming} title={t('products.removeConfirmTitle', { name: product.name })} confirmLabel={t('products.remove')} danger onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const { result } = await removeProduct(product.id);
          setConfirming(false);
          notify(t(result === 'archived' ? 'products.archivedNotice' : 'products.deletedNotice', { name: product.name }));
          onRemoved(result, { ...product, archived_at: result === 'archived' ? new Date().toISOString() : product.archived_at });
        }}>
        <p>{t('products.removeConfirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
