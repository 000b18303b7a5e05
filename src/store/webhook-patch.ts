// The columns a webhook patch changes, in one place for both stores (each adds its own placeholders).
import type { SecretBox } from '../security/secret-box.ts';
import { conversionColumn } from './conversion-column.ts';
import type { WebhookPatch } from './store.ts';

/** `[column, value]` pairs for the fields present in `patch`, plus `updated_at`; JSON columns are serialized (and secrets sealed) here. */
export function webhookPatchColumns(patch: WebhookPatch, now: number, box: SecretBox): [column: string, value: string | number | null][] {
  const columns: [string, string | number | null][] = [];
  if (patch.name !== undefined) columns.push(['name', patch.name]);
  if (patch.url !== undefined) columns.push(['url', patch.url]);
  if (patch.events !== undefined) columns.push(['events', JSON.stringify(patch.events)]);
  if (patch.products !== undefined) columns.push(['products', JSON.stringify(patch.products)]);
  if (patch.version !== undefined) columns.push(['version', patch.version]);
  if (patch.maxAttempts !== undefined) columns.push(['max_attempts', patch.maxAttempts]);
  // 0/1: both stores take an integer here (PostgreSQL casts it to its boolean column)
  if (patch.hottokInBody !== undefined) columns.push(['hottok_in_body', patch.hottokInBody ? 1 : 0]);
  if (patch.postback !== undefined) columns.push(['postback', conversionColumn(patch.postback, box)]);
  columns.push(['updated_at', now]);
  return columns;
}
