// Step 3: MGID's postback, a webhook of version "postback" with the MGID preset: shown when it exists (its address
// template and the goal of each event), else made here from the goals created in step 1. Postbacks of other presets
// (Meta, Taboola...) are made and changed through the API only: named here, so the reader knows where they live.
import { useState } from 'react';
import { errorText } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { EventLabel } from '../events/EventLabel.tsx';
import { useResource } from '../hooks/useResource.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { Button } from '../ui/Button.tsx';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { TextField } from '../ui/TextField.tsx';
import { StepCard } from './StepCard.tsx';
import { createMgidPostback, listPostbackWebhooks } from './trackingApi.ts';
import type { PostbackWebhook } from './trackingApi.ts';

export function PostbackStep() {
  const t = useT();
  const format = useFormat();
  const webhooks = useResource(listPostbackWebhooks, 'postback-webhooks');
  const mgid = webhooks.data?.find((webhook) => webhook.postback?.preset === 'mgid');
  const others = (webhooks.data ?? []).filter((webhook) => webhook.postback?.preset !== 'mgid').map((webhook) => webhook.name);
  return (
    <StepCard number={3} title={t('tracking.postbackTitle')}>
      <p>{t('tracking.postbackText')}</p>
      {webhooks.error ? <LoadError error={webhooks.error} what={t('tracking.webhooksWhat')} onRetry={() => void webhooks.reload()} />
        : !webhooks.data ? <SkeletonBlocks count={1} height={80} label={t('tracking.webhooksWhat')} />
        : mgid ? <MgidPostback webhook={mgid} />
        : <MgidPostbackForm onCreated={(created) => webhooks.setData((list) => [...(list ?? []), created])} />}
      {others.length > 0 && <p className="subtle">{t('tracking.otherPostbacks', { names: format.list(others) })}</p>}
      <p className="subtle">{t('tracking.legacyNote')}</p>
    </StepCard>
  );
}

function MgidPostback({ webhook }: { webhook: PostbackWebhook }) {
  const t = useT();
  return (
    <div className="stack">
      <p className="result result-ok" role="status">{t('tracking.postbackReady', { name: webhook.name })}</p>
      <CodeBlock code={webhook.url} label={t('tracking.postbackUrl')} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('tracking.goals')}</caption>
          <thead><tr><th scope="col">{t('tracking.event')}</th><th scope="col">{t('tracking.goal')}</th></tr></thead>
          <tbody>
            {Object.entries(webhook.postback?.goals ?? {}).map(([event, goal]) => (
              <tr key={event}><td data-label={t('tracking.event')}><EventLabel code={event} /></td><td data-label={t('tracking.goal')} className="mono">{goal.goal}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MgidPostbackForm({ onCreated }: { onCreated: (webhook: PostbackWebhook) => void }) {
  const t = useT();
  const [purchase, setPurchase] = useState('purchase');
  const [refund, setRefund] = useState('refund');
  const { busy, error, onSubmit } = useSubmit(async () => {
    const goals: Record<string, string> = { PURCHASE_APPROVED: purchase.trim() };
    if (refund.trim() !== '') goals.PURCHASE_REFUNDED = refund.trim();
    onCreated(await createMgidPostback('MGID', goals));
  });
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <TextField label={t('tracking.purchaseGoal')} value={purchase} onChange={setPurchase} hint={t('tracking.goalHint')} required spellCheck={false} />
      <TextField label={t('tracking.refundGoal')} value={refund} onChange={setRefund} spellCheck={false} />
      {error !== null && <p className="field-error" role="alert">{errorText(t, error)}</p>}
      <div><Button type="submit" variant="primary" busy={busy}>{t('tracking.createPostback')}</Button></div>
    </form>
  );
}
