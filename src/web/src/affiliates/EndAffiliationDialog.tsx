// "End affiliation?" for either side: once confirmed, the affiliate stops receiving the product's sales.
import { deleteAffiliation } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';

type Props = { affiliation: Affiliation | null; onCancel: () => void; onEnded: (affiliation: Affiliation) => void };

export function EndAffiliationDialog({ affiliation, onCancel, onEnded }: Props) {
  const notify = useNotify();
  return (
    <ConfirmDialog title="End affiliation?" confirmLabel="End affiliation" danger open={affiliation !== null} onCancel={onCancel}
      onConfirm={async () => {
        if (!affiliation) return;
        await deleteAffiliation(affiliation.id);
        notify(`Affiliation ${affiliation.affiliate_code} to ${affiliation.product.name} ended`);
        onEnded(affiliation);
      }}>
      {affiliation && (
        <p>
          Sales of <strong>{affiliation.product.name}</strong> under the code <code>{affiliation.affiliate_code}</code> will no longer be
          sent to {affiliation.role === 'producer' ? 'this affiliate' : 'you'}. Making it again needs the producer to add it anew.
        </p>
      )}
    </ConfirmDialog>
  );
}
