// "My configurations": the list with its "+" to add one, and every per-row action.
import { useCallback, useState } from 'react';
import type { AccountKind } from '../api/types.ts';
import { getCatalog, getWebhookStats, listWebhooks } from '../api/endpoints.ts';
import { useInterval } from '../hooks/useInterval.ts';
import { useCan } from '../session/RoleContext.tsx';
import { useProductChoices } from './useProductChoices.ts';
import type { Webhook } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { NoticesPanel } from './NoticesPanel.tsx';
import { PostbackElsewhere } from './PostbackElsewhere.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { RecoverDialog } from './RecoverDialog.tsx';
import { SendTestDialog } from './SendTestDialog.tsx';
import { SecretDialog } from './SecretDialog.tsx';
import { SigningSecretDialog } from './SigningSecretDialog.tsx';
import { WebhookCard } from './WebhookCard.tsx';
import type { WebhookAction } from './WebhookCard.tsx';
import { WebhookConfirmations } from './WebhookConfirmations.tsx';
import { WebhookForm } from './WebhookForm.tsx';
import { useRecoverLink } from './useRecoverLink.ts';
import { useWebhookToggle } from './useWebhookToggle.ts';

type Open = { action: WebhookAction | 'create'; webhook: Webhook | null } | null;

export function WebhooksPage({ kind }: { kind: AccountKind }) {
  const t = useT();
  const webhooks = useResource(async () => (await listWebhooks()).items, 'webhooks');
  const products = useProductChoices(kind);
  const [dirty, setDirty] = useState(false);
  const canChange = useCan('developer');
  const catalog = useResource(getCatalog, 'catalog');
  const stats = useResource(async () => new Map((await getWebhookStats()).items.map((item) => [item.webhook_id, item])), 'webhook-stats');
  // health is counted by the server; a refresh every 30 s keeps the cards current without reloading the page
  useInterval(stats.reload, 30_000, true);
  const [open, setOpen] = useState<Open>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const close = () => setOpen(null);
  const replace = (changed: Webhook) => webhooks.setData((list) => list?.map((item) => (item.id === changed.id ? changed : item)));
  // a dialog that saved a change (a Meta postback's Test Events code) goes on with the configuration as saved; one
  // closed while it was saving stays closed
  const changedIn = (action: WebhookAction) => (changed: Webhook) => {
    replace(changed);
    setOpen((current) => (current?.action === action && current.webhook?.id === changed.id ? { action, webhook: changed } : current));
  };
  const { busyId, enable } = useWebhookToggle(replace);
  useRecoverLink(webhooks.data ?? undefined, useCallback((webhook: Webhook) => setOpen({ action: 'recover', webhook }), []));

  const onAction = (action: WebhookAction, webhook: Webhook) => {
    if (action === 'enable') void enable(webhook);
    else setOpen({ action, webhook });
  };
  const isOpen = (action: WebhookAction | 'create') => (open?.action === action ? open.webhook : null);
  const formOpen = open?.action === 'create' || open?.action === 'edit';

  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.webhooks')}</h1>
          <p className="lead">{t('webhooks.lead')}</p>
        </div>
        {canChange && (
          <Button variant="primary" onClick={() => setOpen({ action: 'create', webhook: null })} disabled={!catalog.data}>
            <span aria-hidden="true">+ </span>{t('webhooks.new')}
          </Button>
        )}
      </div>
      {webhooks.data && webhooks.data.length > 0 && <NoticesPanel webhooks={webhooks.data} />}
      {webhooks.error ? <LoadError error={webhooks.error} what={t('webhooks.what')} onRetry={() => void webhooks.reload()} />
        : !webhooks.data ? <SkeletonBlocks count={2} height={188} label={t('webhooks.loading')} />
        : webhooks.data.length === 0 ? (
          <EmptyState title={t('webhooks.emptyTitle')} action={<Button variant="primary" onClick={() => setOpen({ action: 'create', webhook: null })} disabled={!catalog.data}>{t('webhooks.createFirst')}</Button>}>
            <p>{t('webhooks.emptyText')}</p>
          </EmptyState>
        ) : (
          <ul className="card-list" aria-label={t('webhooks.listLabel')}>
            {webhooks.data.map((webhook) => (
              <li key={webhook.id}><WebhookCard webhook={webhook} stats={stats.data?.get(webhook.id)} products={products ?? []} busy={busyId === webhook.id} onAction={onAction} /></li>
            ))}
          </ul>
        )}

      <Dialog title={t(open?.action === 'edit' ? 'webhooks.editTitle' : 'webhooks.new')} open={formOpen} onClose={() => { setDirty(false); close(); }} wide confirmDiscard={dirty}>
        {formOpen && open?.webhook?.version === 'postback' && <PostbackElsewhere webhook={open.webhook} onClose={close} onChanged={changedIn('edit')} />}
        {formOpen && catalog.data && open?.webhook?.version !== 'postback' && (
          <WebhookForm webhook={open?.webhook ?? null} events={catalog.data.events} versions={catalog.data.versions} products={products} affiliate={kind === 'affiliate'} onDirty={setDirty} onCancel={() => { setDirty(false); close(); }}
            onSaved={(saved, newSecret) => {
              setDirty(false);
              close();
              if (newSecret) { webhooks.setData((list) => [...(list ?? []), saved]); setSecret({ name: saved.name, secret: newSecret }); }
              else replace(saved);
            }} />
        )}
      </Dialog>
      <SendTestDialog webhook={isOpen('test')} onClose={close} onChanged={changedIn('test')} />
      <RecoverDialog webhook={isOpen('recover')} onClose={close} onRecovered={(recovered) => { replace(recovered); close(); }} />
      <WebhookConfirmations open={open} onClose={close} onChanged={replace}
        onRemoved={(removed) => webhooks.setData((list) => list?.filter((item) => item.id !== removed.id))} />
      <SecretDialog webhook={isOpen('secret')} onClose={close} />
      <SigningSecretDialog shown={secret} onClose={() => setSecret(null)} />
    </section>
  );
}
