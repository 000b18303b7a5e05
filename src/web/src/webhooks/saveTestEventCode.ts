// Sets, changes or clears a Meta postback's Test Events code through the API's own route for it, which changes
// nothing else of the postback (its stored access token stays).
import { apiCall } from '../api/client.ts';
import type { Webhook } from '../api/types.ts';

/** A code as Events Manager shows it, e.g. TEST12345: the API's own rule (src/api/schemas.ts, testEventCode). */
export const testEventCodeShape = /^[A-Za-z0-9_-]{1,100}$/;

/** `code` empty: the code is removed (Meta tests are then refused until another is saved). */
export function saveTestEventCode(webhook: Webhook, code: string): Promise<Webhook> {
  return apiCall<Webhook>('PUT', `/api/v1/webhooks/${encodeURIComponent(webhook.id)}/test-event-code`, { test_event_code: code === '' ? null : code });
}
