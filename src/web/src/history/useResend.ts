// Resending from the history: one delivery, or a selection one call at a time (the API resends per delivery).
import { useState } from 'react';
import { resendDelivery } from '../api/endpoints.ts';
import type { Delivery } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { useNotify } from '../ui/Notices.tsx';

// a disabled configuration posts nothing: say so, and how to send again (as the delivery page does)
const resendErrors: Partial<Record<string, MessageKey>> = { webhook_disabled: 'resend.blocked' };

export function useResend(onResent: (delivery: Delivery) => void) {
  const t = useT();
  const eventName = useEventName();
  const notify = useNotify();
  const [resending, setResending] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const mark = (id: string, on: boolean) => setResending((current) => {
    const next = new Set(current);
    if (on) next.add(id); else next.delete(id);
    return next;
  });

  const resendOne = async (delivery: Delivery) => {
    mark(delivery.id, true);
    try {
      onResent(await resendDelivery(delivery.id));
      notify(t('resend.queuedOne', { event: eventName(delivery.event) }));
    } catch (error) {
      notify(t('resend.failed', { reason: errorText(t, error, resendErrors) }), 'error');
    } finally {
      mark(delivery.id, false);
    }
  };

  /** Sequential on purpose: a large selection must not burst past the API's per-client rate limit. */
  const resendMany = async (ids: string[]): Promise<{ resent: number; failed: string[] }> => {
    const failed: string[] = [];
    setProgress({ done: 0, total: ids.length });
    for (const [index, id] of ids.entries()) {
      try {
        onResent(await resendDelivery(id));
      } catch (error) {
        failed.push(errorText(t, error, resendErrors));
      }
      setProgress({ done: index + 1, total: ids.length });
    }
    setProgress(null);
    const resent = ids.length - failed.length;
    notify(failed.length === 0 ? t('resend.queuedMany', { count: resent }) : t('resend.someFailed', { resent, failed: failed.length, reason: failed[0] }), failed.length ? 'error' : 'ok');
    return { resent, failed };
  };

  return { resending, progress, resendOne, resendMany };
}
