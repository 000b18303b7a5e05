// One delivery: what was sent (payload and headers) and every attempt with the receiver's answer; resend from here.
import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { getDelivery, listWebhooks, resendDelivery } from '../api/endpoints.ts';
import { useInterval } from '../hooks/useInterval.ts';
import { useResource } from '../hooks/useResource.ts';
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
      notify('Queued again: new attempts appear below');
      await detail.reload();
    } catch (error) {
      notify(`Resend failed: ${messageOf(error)}`, 'error');
    } finally {
      setResending(false);
    }
  };

  const payload = delivery ? readablePayload(delivery.payload, delivery.request.content_type) : '';
  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/history">← History</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{delivery ? <>{delivery.event} {delivery.transaction && <span className="mono subtle-heading">{delivery.transaction}</span>}</> : 'Delivery'}</h1>
          {delivery && <p className="badges"><StatusBadge status={delivery.status} />{delivery.test && <span className="badge badge-test">Test</span>}</p>}
        </div>
        <Button variant="primary" onClick={() => void resend()} busy={resending} disabled={!delivery}><span aria-hidden="true">↻ </span>Resend</Button>
      </div>
      {detail.error && !delivery ? <LoadError error={detail.error} what="this delivery" onRetry={() => void detail.reload()} />
        : !delivery ? <SkeletonBlocks count={3} height={140} label="Loading delivery" />
        : (
          <>
            <DeliverySummary delivery={delivery} webhookName={webhooks.data?.find((webhook) => webhook.id === delivery.webhook_id)?.name} />
            <section className="stack" aria-labelledby="response-history">
              <h2 id="response-history">Response history</h2>
              <AttemptList attempts={delivery.attempt_history} nextAttemptAt={delivery.status === 'pending' ? delivery.next_attempt_at : null} />
            </section>
            <div className="two-columns">
              <section className="stack" aria-labelledby="sent-payload">
                <h2 id="sent-payload">Sent payload</h2>
                <p className="subtle">{delivery.request.method} {delivery.request.content_type} to <span className="mono break">{delivery.request.url ?? '(configuration removed)'}</span></p>
                <CodeBlock code={payload} label={delivery.request.content_type.startsWith('application/x-www-form-urlencoded') ? 'Payload (form fields, decoded)' : 'Payload'} maxHeight={480} />
              </section>
              <section className="stack" aria-labelledby="request-headers">
                <h2 id="request-headers">Request headers</h2>
                {delivery.request.headers
                  ? <HeadersTable headers={delivery.request.headers} caption="Headers of the latest attempt (the hottok is masked)" />
                  : <p className="subtle">Not sent yet: the headers appear after the first attempt.</p>}
              </section>
            </div>
          </>
        )}
    </section>
  );
}
