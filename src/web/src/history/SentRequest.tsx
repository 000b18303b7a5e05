// What Postback sent, for developers: the body exactly as it went out (a 1.0.0 form as form text), or a readable
// view of it; the headers of the latest attempt; "copy as curl"; and a one-off send of it to another URL. Each says
// what the history masks in it: the hottok in a Hotmart delivery; in a conversion postback (which never carries the
// hottok) its access token where it was sent, else nothing.
import { useState } from 'react';
import type { DeliveryDetail, Webhook } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { CopyButton } from '../ui/CopyButton.tsx';
import { displayUrl } from '../ui/displayUrl.ts';
import { Tabs } from '../ui/Tabs.tsx';
import { curlCommand } from './curlCommand.ts';
import { HeadersTable } from './HeadersTable.tsx';
import { maskedCredentials } from './maskedCredentials.ts';
import { ReplayForm } from './ReplayForm.tsx';

const isForm = (contentType: string | null) => contentType?.startsWith('application/x-www-form-urlencoded') ?? false;

/** JSON pretty-printed; a form body one decoded field per line. */
function readable(body: string, contentType: string | null): string {
  if (isForm(contentType)) return [...new URLSearchParams(body)].map(([key, value]) => `${key}=${value}`).join('\n');
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
}

/** `webhook`: the delivery's configuration, undefined while it loads (a conversion postback's masked token is read from it). */
export function SentRequest({ delivery, webhook, canReplay }: { delivery: DeliveryDetail; webhook: Webhook | undefined; canReplay: boolean }) {
  const t = useT();
  const [view, setView] = useState('exact');
  const { request } = delivery;
  if (request.body === null) return <p className="subtle">{t('delivery.cannotRender')}</p>;
  const body = request.body;
  const conversion = delivery.version === 'postback';
  const credentials = maskedCredentials(delivery, webhook);
  const token = credentials[0];
  const exactLabel = t(!conversion ? 'delivery.exactLabel' : token ? 'delivery.exactLabelToken' : 'delivery.exactLabelPlain');
  const curlHint = !conversion ? t('delivery.curlHint') : token ? t('delivery.curlHintToken', { variable: token.variable }) : null;
  return (
    <>
      <div className="two-columns">
        <section className="stack" aria-labelledby="sent-payload">
          <h2 id="sent-payload">{t('delivery.sentPayload')}</h2>
          <p className="subtle">{t.rich('delivery.sentTo', { method: request.method ?? '', type: request.content_type ?? '', url: request.url ? displayUrl(request.url) : t('history.removedConfiguration') })}</p>
          <Tabs label={t('delivery.bodyViews')} selected={view} onSelect={setView} tabs={[
            { id: 'exact', label: t('delivery.exact'), content: <CodeBlock code={body} label={exactLabel} maxHeight={480} /> },
            { id: 'readable', label: t(isForm(request.content_type) ? 'delivery.readableForm' : 'delivery.readable'), content: <CodeBlock code={readable(body, request.content_type)} label={t('delivery.payload')} maxHeight={480} /> },
          ]} />
          {request.headers && request.url && (
            <div className="inline-actions">
              <CopyButton value={curlCommand({ method: request.method ?? 'POST', url: request.url, headers: request.headers, body }, credentials)} label={t('delivery.curl')} text={t('delivery.copyCurl')} />
              {curlHint && <span className="hint">{curlHint}</span>}
            </div>
          )}
        </section>
        <section className="stack" aria-labelledby="request-headers">
          <h2 id="request-headers">{t('delivery.requestHeaders')}</h2>
          {request.headers
            ? <HeadersTable headers={request.headers} caption={t(conversion ? 'delivery.headersCaptionPlain' : 'delivery.headersCaption')} />
            : <p className="subtle">{t('delivery.notSentYet')}</p>}
        </section>
      </div>
      {canReplay && <ReplayForm deliveryId={delivery.id} />}
    </>
  );
}
