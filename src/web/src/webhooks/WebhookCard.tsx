// One configuration in the list: what it sends where, its state (why it is disabled; whether its circuit is open, the
// receiver timing out again and again), and its actions.
import type { ProductChoice, Webhook, WebhookStats } from '../api/types.ts';
import { EventLabel } from '../events/EventLabel.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { displayUrl } from '../ui/displayUrl.ts';
import { disabledReasonText } from './disabledReason.ts';
import { HealthStrip } from './HealthStrip.tsx';
import { versionName } from './versionLabel.ts';
import { useCan } from '../session/RoleContext.tsx';

export type WebhookAction = 'edit' | 'test' | 'disable' | 'enable' | 'remove' | 'secret' | 'recover';

type Props = { webhook: Webhook; stats: WebhookStats | undefined; products: ProductChoice[]; busy: boolean; onAction: (action: WebhookAction, webhook: Webhook) => void };

export function WebhookCard({ webhook, stats, products, busy, onAction }: Props) {
  const t = useT();
  const format = useFormat();
  const act = (action: WebhookAction) => () => onAction(action, webhook);
  const canChange = useCan('developer');
  const productsText = webhook.products === 'all' ? t('webhookForm.allProducts')
    : webhook.products.map((id) => products.find((product) => product.id === id)?.name ?? `#${id}`).join(', ');
  return (
    <article className={`card webhook-card ${webhook.enabled ? '' : 'is-disabled'}`} aria-labelledby={`webhook-${webhook.id}`}>
      <header className="webhook-head">
        <h2 id={`webhook-${webhook.id}`} className="webhook-name">{webhook.name}</h2>
        <span className="webhook-badges">
          <StatusBadge status={webhook.enabled ? 'enabled' : 'disabled'} />
          {webhook.enabled && webhook.circuit.open && <span className="badge badge-circuit">{t('webhooks.circuitOpen')}</span>}
        </span>
      </header>
      <p className="webhook-url mono">{displayUrl(webhook.url)}</p>
      {!webhook.enabled && (
        <div className="warning-box disabled-reason">
          <p>{t.rich(webhook.disabled_at ? 'webhooks.disabledOn' : 'webhooks.disabled', { date: format.date(webhook.disabled_at), reason: disabledReasonText(t, format, webhook.disabled_reason) })}</p>
          <p>{t('webhooks.disabledHelp')}</p>
        </div>
      )}
      {webhook.enabled && webhook.circuit.open && (
        <p className="info-box circuit-note">{t('webhooks.circuitHelp', { date: format.date(webhook.circuit.opened_at) })}</p>
      )}
      <dl className="webhook-facts">
        <div><dt>{t('webhookForm.events')}</dt><dd><ul className="chips">{webhook.events.map((event) => <li key={event} className="chip"><EventLabel code={event} /></li>)}</ul></dd></div>
        <div><dt>{t('webhookForm.products')}</dt><dd>{productsText}</dd></div>
        <div><dt>{t('webhooks.version')}</dt><dd>{versionName(t, webhook.version)}</dd></div>
        <div><dt>{t('webhooks.attempts')}</dt><dd>{webhook.max_attempts ?? t('webhooks.defaultAttempts')}</dd></div>
      </dl>
      <HealthStrip stats={stats} name={webhook.name} />
      <div className="card-actions" role="group" aria-label={t('webhooks.actionsFor', { name: webhook.name })}>
        {canChange && <Button size="small" onClick={act('edit')} disabled={busy}>{t('common.edit')}</Button>}
        {canChange && <Button size="small" onClick={act('test')} disabled={busy}>{t('webhooks.sendTest')}</Button>}
        <Link className="button button-secondary button-small" to={`/history?webhook_id=${encodeURIComponent(webhook.id)}`}>{t('nav.history')}</Link>
        {canChange && !webhook.enabled && <Button size="small" variant="primary" onClick={act('recover')} disabled={busy}>{t('webhooks.recover')}</Button>}
        {/* one button that turns from Enable into Disable and back (same place, same element), so the keyboard stays on it */}
        {canChange && (webhook.enabled
          ? <Button key="toggle" size="small" onClick={act('disable')} disabled={busy}>{t('webhooks.disable')}</Button>
          : <Button key="toggle" size="small" onClick={act('enable')} busy={busy}>{t('webhooks.enable')}</Button>)}
        {canChange && <Button size="small" onClick={act('secret')} disabled={busy}>{t('webhooks.secret')}</Button>}
        {canChange && <Button size="small" variant="danger" onClick={act('remove')} disabled={busy}>{t('common.remove')}</Button>}
      </div>
    </article>
  );
}
