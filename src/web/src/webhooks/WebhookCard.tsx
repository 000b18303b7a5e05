// One configuration in the list: what it sends where, its state (and why it is disabled), and its actions.
import type { Product, Webhook } from '../api/types.ts';
import { formatDate } from '../format.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';

export type WebhookAction = 'edit' | 'test' | 'disable' | 'enable' | 'remove' | 'rotate' | 'recover';

type Props = { webhook: Webhook; products: Product[]; busy: boolean; onAction: (action: WebhookAction, webhook: Webhook) => void };

function productsText(scope: Webhook['products'], products: Product[]): string {
  if (scope === 'all') return 'All products';
  return scope.map((id) => products.find((product) => product.id === id)?.name ?? `#${id}`).join(', ');
}

export function WebhookCard({ webhook, products, busy, onAction }: Props) {
  const act = (action: WebhookAction) => () => onAction(action, webhook);
  return (
    <article className={`card webhook-card ${webhook.enabled ? '' : 'is-disabled'}`} aria-labelledby={`webhook-${webhook.id}`}>
      <header className="webhook-head">
        <h2 id={`webhook-${webhook.id}`} className="webhook-name">{webhook.name}</h2>
        <StatusBadge status={webhook.enabled ? 'enabled' : 'disabled'} />
      </header>
      <p className="webhook-url mono">{webhook.url}</p>
      {!webhook.enabled && (
        <div className="warning-box disabled-reason">
          <p><strong>Disabled{webhook.disabled_at ? ` on ${formatDate(webhook.disabled_at)}` : ''}:</strong> {webhook.disabled_reason ?? 'no reason recorded'}.</p>
          <p>New events are kept in the history as skipped. Recover to re-enable it and resend what failed or was skipped.</p>
        </div>
      )}
      <dl className="webhook-facts">
        <div><dt>Events</dt><dd><ul className="chips">{webhook.events.map((event) => <li key={event} className="chip">{event}</li>)}</ul></dd></div>
        <div><dt>Products</dt><dd>{productsText(webhook.products, products)}</dd></div>
        <div><dt>Version</dt><dd>{webhook.version}</dd></div>
        <div><dt>Attempts</dt><dd>{webhook.max_attempts ?? 'Default'}</dd></div>
      </dl>
      <div className="card-actions" role="group" aria-label={`Actions for ${webhook.name}`}>
        <Button size="small" onClick={act('edit')} disabled={busy}>Edit</Button>
        <Button size="small" onClick={act('test')} disabled={busy}>Send test</Button>
        <Link className="button button-secondary button-small" to={`/history?webhook_id=${encodeURIComponent(webhook.id)}`}>History</Link>
        {webhook.enabled
          ? <Button size="small" onClick={act('disable')} disabled={busy}>Disable</Button>
          : <><Button size="small" variant="primary" onClick={act('recover')} disabled={busy}>Recover…</Button><Button size="small" onClick={act('enable')} busy={busy}>Enable</Button></>}
        <Button size="small" onClick={act('rotate')} disabled={busy}>Rotate secret</Button>
        <Button size="small" variant="danger" onClick={act('remove')} disabled={busy}>Remove</Button>
      </div>
    </article>
  );
}
