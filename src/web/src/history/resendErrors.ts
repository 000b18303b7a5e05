// What a refused resend says, wherever it is asked for (the history's rows and selection, a delivery's page): a
// disabled configuration posts nothing, and an attempt under way must end first; each says how to send again.
import type { MessageKey } from '../i18n/catalogues.ts';

export const resendErrors: Partial<Record<string, MessageKey>> = { webhook_disabled: 'resend.blocked', delivery_in_flight: 'resend.inFlight' };
