// Above a history filtered to a disabled configuration: why it is disabled, and the way back (recover since).
import type { Webhook } from '../api/types.ts';
import { formatDate } from '../format.ts';
import { Button } from '../ui/Button.tsx';

export function DisabledWebhookNotice({ webhook, onRecover }: { webhook: Webhook; onRecover: () => void }) {
  return (
    <div className="warning-box notice-row">
      <p><strong>{webhook.name} is disabled</strong>{webhook.disabled_at ? ` since ${formatDate(webhook.disabled_at)}` : ''}: {webhook.disabled_reason ?? 'no reason recorded'}. Its new events are recorded as skipped.</p>
      <Button variant="primary" size="small" onClick={onRecover}>Recover since…</Button>
    </div>
  );
}
