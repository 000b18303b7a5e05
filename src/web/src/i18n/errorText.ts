// What a failed call says to a producer, in their language. The API's own `detail` is written for developers
// (it names routes, fields and CLI commands), so screens never show it: they show the message for its code, or the
// form's own message for each field the API named.
import { ApiError } from '../api/client.ts';
import type { MessageKey } from './catalogues.ts';
import type { Translate } from './useT.ts';

const byCode: Record<string, MessageKey> = {
  network: 'error.network',
  unauthorized: 'error.unauthorized',
  invalid_credentials: 'error.invalidCredentials',
  csrf_failed: 'error.unauthorized',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  conflict: 'error.conflict',
  rate_limited: 'error.rateLimited',
  payload_too_large: 'error.tooLarge',
  validation_failed: 'error.validation',
  bad_request: 'error.validation',
};

/** The sentence for a failure; `overrides` lets a screen say it more precisely for a code (e.g. a taken id). */
export function errorText(t: Translate, error: unknown, overrides: Partial<Record<string, MessageKey>> = {}): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  const key = overrides[error.code] ?? byCode[error.code] ?? (error.status >= 500 ? 'error.server' : 'error.unknown');
  return t(key);
}

/** The fields the API named, keyed by form field ("body.url" → "url"), with the API's reason kept for classifying. */
export function invalidFields(error: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError)) return fields;
  for (const { path, message } of error.fieldErrors) {
    const field = path.replace(/^(body|query|params)\.?/, '').split('.')[0] ?? '';
    if (!fields.has(field)) fields.set(field, message);
  }
  return fields;
}

/** Each named field's message in the user's language: the form's explanation of what the field needs. */
export function fieldMessages(t: Translate, error: unknown, explain: Partial<Record<string, MessageKey>>): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const field of invalidFields(error).keys()) messages[field] = t(explain[field] ?? 'error.field');
  return messages;
}
