// The link in a "webhook disabled" e-mail (/webhooks?recover=ID) opens that webhook's recovery dialog once its
// configurations are loaded, then drops the query so a reload does not open it again.
import { useEffect } from 'react';
import type { Webhook } from '../api/types.ts';
import { navigate, useLocation } from '../router/router.ts';

export function useRecoverLink(webhooks: Webhook[] | undefined, openRecover: (webhook: Webhook) => void): void {
  const wanted = useLocation().query.get('recover');
  useEffect(() => {
    if (wanted === null || webhooks === undefined) return;
    const webhook = webhooks.find((item) => item.id === wanted);
    navigate('/webhooks', { replace: true });
    // a removed webhook, or another account's: the list is shown as it is
    if (webhook) openRecover(webhook);
  }, [wanted, webhooks, openRecover]);
}
