// The members-area set-up check: each finding with its state and, when something is wrong, what to do; the one
// button that creates the missing configuration (its signing secret shown once), and "send a test". It checks again
// by itself while a test post is on its way.
import { useState } from 'react';
import { checkMembersArea, createMembersAreaWebhook, sendTest } from '../api/endpoints.ts';
import type { MembersAreaFinding } from '../api/types.ts';
import { useInterval } from '../hooks/useInterval.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { Button } from '../ui/Button.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { findingText } from './membersAreaFindingText.ts';

const checkLabel: Record<MembersAreaFinding['check'], MessageKey> = { https: 'membersArea.check.https', webhook: 'membersArea.check.webhook', test_post: 'membersArea.check.testPost' };
const statusLabel: Record<MembersAreaFinding['status'], MessageKey> = { pass: 'membersArea.status.pass', fail: 'membersArea.status.fail', pending: 'membersArea.status.pending' };
const badgeOf: Record<MembersAreaFinding['status'], string> = { pass: 'delivered', fail: 'failed', pending: 'pending' };

export function MembersAreaCheckList({ productId, areaUrl }: { productId: string; areaUrl: string }) {
  const t = useT();
  const notify = useNotify();
  const check = useResource(() => checkMembersArea(productId), `members-area-${productId}-${areaUrl}`);
  const [busy, setBusy] = useState<'create' | 'test' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const findings = check.data?.findings ?? [];
  useInterval(() => check.reload(), 1500, findings.some((finding) => finding.status === 'pending'));
  const act = async (what: 'create' | 'test', action: () => Promise<void>) => {
    setBusy(what);
    try { await action(); await check.reload(); } catch (error) { notify(errorText(t, error), 'error'); } finally { setBusy(null); }
  };
  const create = () => act('create', async () => {
    const created = await createMembersAreaWebhook(productId);
    setSecret(created.webhook.secret);
    notify(t('membersArea.webhookCreated'));
  });
  const test = (webhookId: string) => act('test', async () => {
    await sendTest(webhookId, 'PURCHASE_APPROVED');
    notify(t('membersArea.testSent'));
  });
  const failing = findings.filter((finding) => finding.status !== 'pass').length;
  const webhookMissing = findings.some((finding) => finding.check === 'webhook' && finding.reason === 'missing');
  const webhookId = check.data?.webhook_id ?? null;
  const testable = webhookId !== null && findings.some((finding) => finding.check === 'test_post' && (finding.reason === 'never_sent' || finding.reason === 'failed'));
  return (
    <section className="stack" aria-labelledby="members-area-check" aria-live="polite">
      <div className="notice-row">
        <h3 id="members-area-check">{t('membersArea.checkTitle')}</h3>
        <Button size="small" busy={check.loading} onClick={() => void check.reload()}>{t('membersArea.checkAgain')}</Button>
      </div>
      {check.error ? <LoadError error={check.error} what={t('membersArea.checkWhat')} onRetry={() => void check.reload()} />
        : !check.data ? <SkeletonBlocks count={3} height={32} label={t('membersArea.checking')} />
        : (
          <>
            <p><strong>{check.data.ok ? t('membersArea.allSet') : t('membersArea.toFix', { count: failing })}</strong></p>
            <ul className="card-list members-area-findings">
              {findings.map((finding) => {
                const words = findingText(t, finding);
                return (
                  <li key={finding.check} data-check={finding.check} data-status={finding.status}>
                    <span className={`badge badge-${badgeOf[finding.status]}`}>{t(statusLabel[finding.status])}</span> <strong>{t(checkLabel[finding.check])}</strong>
                    <p>{words.what}</p>
                    {words.fix && <p className="hint">{words.fix}</p>}
                  </li>
                );
              })}
            </ul>
            <div className="card-actions">
              {webhookMissing && <Button variant="primary" busy={busy === 'create'} onClick={() => void create()}>{t('membersArea.createWebhook')}</Button>}
              {testable && <Button busy={busy === 'test'} onClick={() => void test(webhookId)}>{t('membersArea.sendTest')}</Button>}
            </div>
          </>
        )}
      {secret && <SecretValue label={t('secret.label')} value={secret} maskable hint={t('membersArea.secretHint')} />}
    </section>
  );
}
