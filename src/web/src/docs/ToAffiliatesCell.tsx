// Whether a documented field reaches affiliates' webhooks (when the producer does not share buyer data).
import { useT } from '../i18n/useT.ts';

export function ToAffiliatesCell({ sent }: { sent: boolean }) {
  const t = useT();
  return <td data-label={t('fields.toAffiliates')} className="cell-affiliates">{sent ? t('fields.yes') : <span className="no-affiliate">{t('fields.withheld')}</span>}</td>;
}
