// Field documentation attached to the zod schemas themselves, so validation, docs and redaction share one source.
// Stored through zod's `.meta()` (the global registry) under `x-` keys, so `z.toJSONSchema` carries it into OpenAPI
// as valid extension keywords.
import * as z from 'zod';

export type FieldDoc = {
  description: string;
  /** Human format label: "string", "integer", "number", "epoch ms", "ISO-8601", "email", "UUID", "boolean", "enum: A|B". */
  format: string;
  /** Maximum length in characters, when one is documented; documentation only, never enforced. */
  size?: number;
  /** Whether Hotmart sends this field to affiliates (buyer personal data and payment codes are withheld). */
  affiliate: boolean;
};

type DocOptions = { size?: number };

function attach<T extends z.ZodType>(schema: T, doc: FieldDoc): T {
  return schema.meta({
    description: doc.description,
    'x-format': doc.format,
    'x-max-chars': doc.size ?? null,
    'x-sent-to-affiliates': doc.affiliate,
  });
}

/** A field that affiliates receive too (product, purchase status and values, commissions...). */
export function shared<T extends z.ZodType>(schema: T, description: string, format: string, options: DocOptions = {}): T {
  return attach(schema, { description, format, affiliate: true, ...options });
}

/** A field withheld from affiliates: the buyer's personal data and payment links or codes. */
export function personal<T extends z.ZodType>(schema: T, description: string, format: string, options: DocOptions = {}): T {
  return attach(schema, { description, format, affiliate: false, ...options });
}

/** Reads back the documentation of a schema node, or undefined when it has none. */
export function fieldDocOf(schema: z.core.$ZodType): FieldDoc | undefined {
  const meta = z.globalRegistry.get(schema);
  if (meta === undefined || typeof meta.description !== 'string' || typeof meta['x-format'] !== 'string') return undefined;
  const size = meta['x-max-chars'];
  // Fails closed: a field without an explicit `true` counts as withheld from affiliates.
  const doc: FieldDoc = { description: meta.description, format: meta['x-format'], affiliate: meta['x-sent-to-affiliates'] === true };
  if (typeof size === 'number') doc.size = size;
  return doc;
}
