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
  /** Whether affiliates get it when the product shares buyer data: what they always get, and the buyer's data (buyerData). */
  affiliateWhenShared: boolean;
};

type DocOptions = { size?: number };

function attach<T extends z.ZodType>(schema: T, doc: FieldDoc): T {
  return schema.meta({
    description: doc.description,
    'x-format': doc.format,
    'x-max-chars': doc.size ?? null,
    'x-sent-to-affiliates': doc.affiliate,
    'x-sent-to-affiliates-when-shared': doc.affiliateWhenShared,
  });
}

// Three marks, because the producer's "share buyer data" switch releases the buyer's data and nothing more: the
// switch's confirmation names the buyer's name, e-mail, document, address and phone and the boleto and PIX links and
// codes, so a field it does not name stays withheld when it is on (a field marked neither way counts as personal).

/** A field that affiliates receive too (product, purchase status and values, commissions...). */
export function shared<T extends z.ZodType>(schema: T, description: string, format: string, options: DocOptions = {}): T {
  return attach(schema, { description, format, affiliate: true, affiliateWhenShared: true, ...options });
}

/**
 * The buyer's data: identity, contact, address, document, and the boleto/PIX links and codes of the buyer's payment.
 * Withheld from affiliates unless the producer shares buyer data for the product.
 */
export function buyerData<T extends z.ZodType>(schema: T, description: string, format: string, options: DocOptions = {}): T {
  return attach(schema, { description, format, affiliate: false, affiliateWhenShared: true, ...options });
}

/**
 * A field never sent to affiliates, not even when the product shares buyer data: the producer's own tax document, and
 * what the buyer's network and browser left at checkout (IP address, User-Agent, the page's address).
 */
export function personal<T extends z.ZodType>(schema: T, description: string, format: string, options: DocOptions = {}): T {
  return attach(schema, { description, format, affiliate: false, affiliateWhenShared: false, ...options });
}

/** Reads back the documentation of a schema node, or undefined when it has none. */
export function fieldDocOf(schema: z.core.$ZodType): FieldDoc | undefined {
  const meta = z.globalRegistry.get(schema);
  if (meta === undefined || typeof meta.description !== 'string' || typeof meta['x-format'] !== 'string') return undefined;
  const size = meta['x-max-chars'];
  // Fails closed: a field without an explicit `true` counts as withheld from affiliates, with sharing on or off.
  const doc: FieldDoc = {
    description: meta.description, format: meta['x-format'], affiliate: meta['x-sent-to-affiliates'] === true,
    affiliateWhenShared: meta['x-sent-to-affiliates-when-shared'] === true,
  };
  if (typeof size === 'number') doc.size = size;
  return doc;
}
