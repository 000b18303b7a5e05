// One delivery: what was sent (payload and headers) and every attempt with the receiver's answer; resend from here.
import { useState } from 'react';
import { getDelivery, listWebhooks, resendDelivery } from '../api/endpoints.ts';
import { useInterval } from '../hooks/useInterval.ts';
import { useResource } from '../hooks/useResource.ts';
import { EventLabel } from '../events/EventLabel.tsx';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { AttemptList } from './AttemptList.tsx';
import { DeliverySummary } from './DeliverySummary.tsx';
import { HeadersTable } from './HeadersTable.tsx';

/** JSON pretty-printed; a form body (1.0.0) one decoded field per line. */
function readablePayload(payload: unknown, contentType: string): string {
  if (typeof payload !== 'string') return JSON.stringify(payload, null, 2);
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return payload;
  return [...new URLSearchParams(payload)].map(([key, value]) => `${key}=${value}`).join('\n');
}

export function DeliveryPage({ id }: { id: string }) {
  const t = useT();
  const detail = useResource(() => getDelivery(id), id);
  const webhooks = useResource(async () => (await listWebhooks()).items, 'webhooks');
  const [resending, setResending] = useState(false);
  const notify = useNotify();
  const delivery = detail.data;
  useInterval(detail.reload, 2000, delivery?.status === 'pending');

  const resend = async () => {
    setResending(true);
    try {
      await resendDelivery(id);
      notify(t('delivery.queuedAgain'));
      await detail.reload();
    } catch (error) {
      notify(t('resend.failed', { reason: errorText(t, error) }), 'error');
    } finally {
      setResending(false);
    }
  };

  const payload = delivery ? readablePayload(delivery.payload, delivery.request.content_type) : '';
  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/history">← {t('nav.history')}</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{delivery ? <><EventLabel code={delivery.event} /> {delivery.transaction && <span className="mono subtle-heading">{delivery.transaction}</span>}</> : t('delivery.title')}</h1>
          {delivery && <p className="badges"><StatusBadge status={delivery.status} />{delivery.test && <span className="badge badge-test">{t('history.test')}</span>}</p>}
        </div>
        <Button variant="primary" onClick={() => void resend()} busy={resending} disabled={!delivery}><span aria-hidden="true">↻ </span>{t('history.resend')}</Button>
      </div>
      {detail.error && !delivery ? <LoadError error={detail.error} what={t('delivery.what')} onRetry={() => void detail.reload()} />
        : !delivery ? <SkeletonBlocks count={3} height={140} label={t('delivery.loading')} />
        : (
          <>
            <DeliverySummary delivery={delivery} webhookName={webhooks.data?.find((webhook) => webhook.id === delivery.webhook_id)?.name} />
            <section className="stack" aria-labelledby="response-history">
              <h2 id="response-history">{t('delivery.responseHistory')}</h2>
              <AttemptList attempts={delivery.attempt_history} nextAttemptAt={delivery.status === 'pending' ? delivery.next_attempt_at : null} />
            </section>
            <div className="two-columns">
              <section className="stack" aria-labelledby="sent-payload">
                <h2 id="sent-payload">{t('delivery.sentPayload')}</h2>
                <p className="subtle">{t.rich('delivery.sentTo', { method: delivery.request.method, type: delivery.request.content_type, url: delivery.request.url ?? t('history.removedConfiguration') })}</p>
                <CodeBlock code={payload} label={t(delivery.request.content_type.startsWith('application/x-www-form-urlencoded') ? 'delivery.payloadForm' : 'delivery.payload')} maxHeight={480} />
              </section>
              <section className="stack" aria-labelledby="request-headers">
                <h2 id="request-headers">{t('delivery.requestHeaders')}</h2>
                {delivery.request.headers
                  ? <HeadersTable headers={delivery.request.headers} caption={t('delivery.headersCaption')} />
                  : <p className="subtle">{t('delivery.notSentYet')}</p>}
              </section>
            </div>
          </>
        )}
    </section>
  );
}
