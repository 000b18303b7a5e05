// The webhooks table's `postback` column, the same in both stores: the conversion configuration as JSON text with
// each secret sealed (like signing secrets and hottoks), so a database dump holds no network credentials.
import type { ConversionConfig } from '../domain/conversion.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { WebhookRoute } from './store.ts';

export function conversionColumn(config: ConversionConfig | null | undefined, box: SecretBox): string | null {
  if (!config) return null;
  const secrets = Object.fromEntries(Object.entries(config.secrets).map(([name, value]) => [name, box.seal(value)]));
  return JSON.stringify({ ...config, secrets });
}

export function readConversion(column: unknown, box: SecretBox): ConversionConfig | null {
  if (column === null || column === undefined) return null;
  const stored = JSON.parse(String(column)) as ConversionConfig;
  return { ...stored, secrets: Object.fromEntries(Object.entries(stored.secrets).map(([name, value]) => [name, box.open(value)])) };
}

/** What fan-out needs of it (its skip rule): no secret is opened on the publish path. */
export function readConversionRoute(column: unknown): WebhookRoute['postback'] {
  if (column === null || column === undefined) return null;
  const { click_id_required, click_id_from } = JSON.parse(String(column)) as ConversionConfig;
  return { click_id_required, click_id_from };
}
