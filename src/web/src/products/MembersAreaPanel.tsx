// A product's external members area on its page: the setting, and once it is set, the set-up check with its fixes.
// Mounted on the product's affiliates page for now; the Products tab takes it over when it lands.
import type { Product } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { MembersAreaCheckList } from './MembersAreaCheckList.tsx';
import { MembersAreaForm } from './MembersAreaForm.tsx';

export function MembersAreaPanel({ product, onChange }: { product: Product; onChange: (product: Product) => void }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="members-area-title">
      <h2 id="members-area-title">{t('membersArea.title')}</h2>
      <p className="subtle">{t('membersArea.lead')}</p>
      <MembersAreaForm key={product.id} product={product} onSaved={onChange} />
      {product.members_area ? <MembersAreaCheckList productId={product.id} areaUrl={product.members_area.url} /> : <p className="hint">{t('membersArea.notSet')}</p>}
    </section>
  );
}
