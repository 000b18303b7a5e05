// The configuration form's own checks: each wrong field gets the sentence that says what it needs.
import type { MessageKey } from '../i18n/catalogues.ts';
import type { Translate } from '../i18n/useT.ts';
import { isHttpUrl, isOptionalWholeNumber, maxUrlLength } from '../ui/fieldChecks.ts';

export type WebhookFormValues = { name: string; url: string; events: string[]; productMode: 'all' | 'some'; productIds: string[]; maxAttempts: string };

export function checkWebhookForm(t: Translate, values: WebhookFormValues): Record<string, string> {
  const problems: Partial<Record<string, MessageKey>> = {};
  if (values.name.trim() === '' || values.name.trim().length > 120) problems.name = 'webhookForm.nameNeeded';
  // a long address is refused for its length, not as if it did not start with https://
  if (values.url.trim().length > maxUrlLength) problems.url = 'webhookForm.urlTooLong';
  else if (!isHttpUrl(values.url)) problems.url = 'webhookForm.urlNeeded';
  if (values.events.length === 0) problems.events = 'webhookForm.eventsNeeded';
  if (values.productMode === 'some' && values.productIds.length === 0) problems.products = 'webhookForm.productsNeeded';
  if (!isOptionalWholeNumber(values.maxAttempts, 1, 20)) problems.max_attempts = 'webhookForm.attemptsNeeded';
  return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, t(key!)]));
}
