// Why a configuration was disabled, in the user's language. The store records the reason as English text (it is
// also logged); src/domain/disabled-reason.ts writes and reads it, and this says what it read. Anything it does not
// know is shown as recorded.
import { readDisabledReason } from '../../../domain/disabled-reason.ts';
import type { Format } from '../i18n/useFormat.ts';
import type { Translate } from '../i18n/useT.ts';

export function disabledReasonText(t: Translate, format: Format, reason: string | null): string {
  if (reason === null) return t('reason.none');
  const read = readDisabledReason(reason);
  switch (read.kind) {
    case 'owner': return t('reason.owner');
    case 'gone': return t('reason.gone');
    case 'dns': return t('reason.dns', { host: read.host });
    case 'failing': return t('reason.failing', { count: read.failures, since: format.date(read.since) });
    case 'other': return read.text;
  }
}
