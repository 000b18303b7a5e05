// One delivery: what happened and why, every attempt with the receiver's answer, and what was sent; resend from here
// while its configuration is enabled.
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { getDelivery, listWebhooks, resendDelivery } from '../api/endpoints.ts';
import { EventLabel } from '../events/EventLabel.tsx';
import { useInterval } from '../hooks/useInterval.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { useCan } from '../session/RoleContext.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { AttemptList } from './AttemptList.tsx';
import { shownStatus } from './DeliveryOutcome.tsx';
import { DeliverySummary } from './DeliverySummary.tsx';
import { resendErrors } from './resendErrors.ts';
import { SentRequest } from './SentRequest.tsx';

export function DeliveryPage({ id }: { id: string }) {
  const t = useT();
  const detail = useResource(() => getDelivery(id), id);
  const webhooks = useResource(async () => (await listWebhooks()).items, 'webhooks');
  const [resending, setResending] = useState(false);
  const notify = useNotify();
  const delivery = detail.data;
  useInterval(detail.reload, 2000, delivery?.status === 'pending');
  const webhook = delivery ? webhooks.data?.find((item) => item.id === delivery.webhook_id) : undefined;
  const missing = detail.error instanceof ApiError && detail.error.status === 404;
  const canChange = useCan('developer');

  const resend = async () => {
    setResending(true);
    try {
      await resendDelivery(id);
      notify(t('delivery.queuedAgain'));
      await detail.reload();
    } catch (error) {
      notify(t('resend.failed', { reason: errorText(t, error, resendErrors) }), 'error');
    } finally {
      setResending(false);
    }
  };

  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/history">← {t('nav.history')}</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{delivery ? <><EventLabel code={delivery.event} /> {delivery.transaction && <span className="mono subtle-heading">{delivery.transaction}</span>}</> : t('delivery.title')}</h1>
          {delivery && <p className="badges"><StatusBadge status={shownStatus(delivery)} />{delivery.test && <span className="badge badge-test">{t('history.test')}</span>}</p>}
        </div>
        {delivery && canChange && (
          <div className="head-actions">
            <Button variant="primary" onClick={() => void resend()} busy={resending} disabled={webhook !== undefined && !webhook.enabled}><span aria-hidden="true">↻ </span>{t('history.resend')}</Button>
            {webhook && !webhook.enabled && <p className="hint">{t.rich('resend.blockedHint', { link: (chunks) => <Link to="/webhooks">{chunks}</Link> })}</p>}
          </div>
        )}
      </div>
      {missing ? (
        <EmptyState title={t('delivery.missingTitle')} action={<Link className="button button-primary" to="/history">{t('delivery.backToHistory')}</Link>}>
          <p>{t('delivery.missingText')}</p>
        </EmptyState>
      ) : detail.error && !delivery ? <LoadError error={detail.error} what={t('delivery.what')} onRetry={() => void detail.reload()} />
        : !delivery ? <SkeletonBlocks count={3} height={140} label={t('delivery.loading')} />
        : (
          <>
            <DeliverySummary delivery={delivery} webhook={webhook} />
            <section className="stack" aria-labelledby="response-history">
              <h2 id="response-history">{t('delivery.responseHistory')}</h2>
              <AttemptList attempts={delivery.attempt_history} total={delivery.attempts} nextAttemptAt={delivery.status === 'pending' ? delivery.next_attempt_at : null}
                webhookUrl={webhooks.data === undefined ? undefined : webhook?.url ?? null} />
            </section>
            <SentRequest delivery={delivery} webhook={webhook} canReplay={canChange} />
          </>
        )}
    </section>
  );
}
