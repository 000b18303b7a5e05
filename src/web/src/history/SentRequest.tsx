// What Postback sent: the payload and the headers of the latest attempt.
import type { DeliveryDetail } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { displayUrl } from '../ui/displayUrl.ts';
import { HeadersTable } from './HeadersTable.tsx';

/** JSON pretty-printed; a form body (1.0.0) one decoded field per line. */
function readablePayload(payload: unknown, contentType: string): string {
  if (typeof payload !== 'string') return JSON.stringify(payload, null, 2);
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return payload;
  return [...new URLSearchParams(payload)].map(([key, value]) => `${key}=${value}`).join('\n');
}

export function SentRequest({ delivery }: { delivery: DeliveryDetail }) {
  const t = useT();
  const payload = readablePayload(delivery.payload, delivery.request.content_type);
  return (
    <div className="two-columns">
      <section className="stack" aria-labelledby="sent-payload">
        <h2 id="sent-payload">{t('delivery.sentPayload')}</h2>
        <p className="subtle">{t.rich('delivery.sentTo', { method: delivery.request.method, type: delivery.request.content_type, url: delivery.request.url ? displayUrl(delivery.request.url) : t('history.removedConfiguration') })}</p>
        <CodeBlock code={payload} label={t(delivery.request.content_type.startsWith('application/x-www-form-urlencoded') ? 'delivery.payloadForm' : 'delivery.payload')} maxHeight={480} />
      </section>
      <section className="stack" aria-labelledby="request-headers">
        <h2 id="request-headers">{t('delivery.requestHeaders')}</h2>
        {delivery.request.headers
          ? <HeadersTable headers={delivery.request.headers} caption={t('delivery.headersCaption')} />
          : <p className="subtle">{t('delivery.notSentYet')}</p>}
      </section>
    </div>
  );
}
