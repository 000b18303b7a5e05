// Why a configuration was disabled, in the user's language. The store records the reason as English text (it is
// also logged); the known shapes are recognised here, anything else is shown as recorded.
import type { Format } from '../i18n/useFormat.ts';
import type { Translate } from '../i18n/useT.ts';

export function disabledReasonText(t: Translate, format: Format, reason: string | null): string {
  if (reason === null) return t('reason.none');
  if (reason === 'disabled by the owner') return t('reason.owner');
  if (reason === 'the receiver answered 410 Gone') return t('reason.gone');
  const dns = /^the host of (.+) does not exist/.exec(reason);
  if (dns) return t('reason.dns', { host: dns[1] });
  const streak = /^failed (\d+) attempts in a row since (\S+)/.exec(reason);
  if (streak) return t('reason.failing', { count: Number(streak[1]), since: format.date(streak[2]) });
  return reason;
}
