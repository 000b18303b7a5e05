// Resending from the history: one delivery, or a selection one call at a time (the API resends per delivery), saying
// which ones failed so that they stay selected.
import { useState } from 'react';
import { resendDelivery } from '../api/endpoints.ts';
import type { Delivery } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { useNotify } from '../ui/Notices.tsx';
import { resendErrors } from './resendErrors.ts';
import { isRateLimited, resendWithBackOff } from './resendWithBackOff.ts';

/** The reason most of the failures share: the one the notice names. */
const mostCommon = (reasons: Map<string, number>): string => [...reasons].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];

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

  /**
   * Sequential on purpose: a large selection must not burst past the API's per-client rate limit, and a 429 is
   * waited out (resendWithBackOff). Answers the ids that were not resent, for the selection to keep.
   */
  const resendMany = async (ids: string[]): Promise<{ resent: number; failed: string[] }> => {
    const failed: string[] = [];
    const reasons = new Map<string, number>();
    setProgress({ done: 0, total: ids.length });
    for (const [index, id] of ids.entries()) {
      try {
        onResent(await resendWithBackOff(id));
      } catch (error) {
        // still limited after the waits: the rest would meet the same limit, so they are left untried, and failed
        const left = isRateLimited(error) ? ids.slice(index) : [id];
        const reason = errorText(t, error, resendErrors);
        failed.push(...left);
        reasons.set(reason, (reasons.get(reason) ?? 0) + left.length);
        if (isRateLimited(error)) break;
      }
      setProgress({ done: index + 1, total: ids.length });
    }
    setProgress(null);
    const resent = ids.length - failed.length;
    if (failed.length === 0) notify(t('resend.queuedMany', { count: resent }));
    else notify(`${t('resend.someFailed', { resent, failed: failed.length, reason: mostCommon(reasons) })} ${t('resend.failedStaySelected')}`, 'error');
    return { resent, failed };
  };

  return { resending, progress, resendOne, resendMany };
}
