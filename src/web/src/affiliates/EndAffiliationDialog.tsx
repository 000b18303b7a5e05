// "End affiliation?" for either side: once confirmed, the affiliate stops receiving the product's sales.
import { deleteAffiliation } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';

type Props = { affiliation: Affiliation | null; onCancel: () => void; onEnded: (affiliation: Affiliation) => void };

export function EndAffiliationDialog({ affiliation, onCancel, onEnded }: Props) {
  const t = useT();
  const notify = useNotify();
  return (
    <ConfirmDialog title={t('endAffiliation.title')} confirmLabel={t('endAffiliation.confirm')} danger open={affiliation !== null} onCancel={onCancel}
      onConfirm={async () => {
        if (!affiliation) return;
        await deleteAffiliation(affiliation.id);
        notify(t('endAffiliation.done', { code: affiliation.affiliate_code, product: affiliation.product.name }));
        onEnded(affiliation);
      }}>
      {affiliation && (
        <p>{t.rich(affiliation.role === 'producer' ? 'endAffiliation.textProducer' : 'endAffiliation.textAffiliate', { product: affiliation.product.name, code: affiliation.affiliate_code })}</p>
      )}
    </ConfirmDialog>
  );
}
