// What happened to a delivery and why, in words. A delivery the store marks "skipped" is one of two stories:
// never attempted (not sent, because its configuration was disabled), or attempted and then stopped retrying when
// the configuration was disabled (a failure). Both say when, and why when the configuration still says.
import type { Delivery, DeliveryStatus, Webhook } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { disabledReasonText } from '../webhooks/disabledReason.ts';
import { ResultText } from './ResultText.tsx';

/** The status a person should see: a skipped delivery that was attempted failed. */
export const shownStatus = (delivery: Delivery): DeliveryStatus => (delivery.status === 'skipped' && delivery.cycle_attempts > 0 ? 'failed' : delivery.status);

export function DeliveryOutcome({ delivery, webhook }: { delivery: Delivery; webhook: Webhook | undefined }) {
  const t = useT();
  const format = useFormat();
  // the delivery was skipped when it last changed; the reason is the configuration's while it is still disabled
  const reason = webhook && !webhook.enabled ? disabledReasonText(t, format, webhook.disabled_reason) : null;
  const when = format.date(delivery.updated_at);
  const why = (attempted: boolean) => t(attempted ? (reason ? 'outcome.stopped' : 'outcome.stoppedNoReason') : (reason ? 'outcome.notSent' : 'outcome.notSentNoReason'), { date: when, reason });
  switch (delivery.status) {
    case 'skipped':
      // a conversion postback whose sale carried no click id: there was nothing to report to the ad network
      if (delivery.last_error === 'no_click_id') return <span className="outcome"><span className="outcome-why">{t('outcome.noClickId')}</span></span>;
      // one whose webhook had already reported this event of the sale: a second would count as a second sale
      if (delivery.last_error === 'already_reported') return <span className="outcome"><span className="outcome-why">{t('outcome.alreadyReported')}</span></span>;
      return delivery.cycle_attempts === 0
        ? <span className="outcome"><span className="outcome-why">{why(false)}</span></span>
        : (
          <span className="outcome">
            <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />
            <span className="outcome-why">{why(true)}</span>
          </span>
        );
    case 'pending':
      return (
        <span className="outcome">
          <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />
          {delivery.next_attempt_at && <span className="subtle"> · {t('history.next', { when: format.relative(delivery.next_attempt_at) })}</span>}
        </span>
      );
    case 'failed':
      return (
        <span className="outcome">
          <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />
          <span className="outcome-why">{t('outcome.gaveUp', { done: delivery.cycle_attempts, max: delivery.max_attempts })}</span>
        </span>
      );
    case 'delivered':
      return <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />;
  }
}
