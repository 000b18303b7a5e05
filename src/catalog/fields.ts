// Flattens a documented `data` schema into its field list, e.g. "purchase.payment.billet_url" and
// "affiliates[].affiliate_code", by walking zod's own schema definitions (`_zod.def`).
import type * as z from 'zod';
import { fieldDocOf } from './field-doc.ts';

export type CatalogField = {
  /** Dotted path inside `data`; `[]` marks an array element. */
  name: string;
  description: string;
  format: string;
  /** Maximum length in characters when documented, else null. */
  size: number | null;
  /** Whether affiliates get it when the product does not share buyer data. */
  sent_to_affiliates: boolean;
  /** Whether affiliates get it when the product shares buyer data (the buyer's data and boleto/PIX fields too). */
  sent_to_affiliates_when_shared: boolean;
  /** Whether the key must be present whenever its parent object is. */
  required: boolean;
};

function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function walk(schema: z.core.$ZodType, name: string, required: boolean, out: CatalogField[]): void {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
      walk(def.innerType, name, false, out);
      return;
    case 'object':
      for (const [key, child] of Object.entries(def.shape)) walk(child, childPath(name, key), true, out);
      return;
    case 'array':
      walk(def.element, `${name}[]`, required, out);
      return;
    default: {
      // Our bug, so it throws: every leaf must be documented, and the catalogue test walks every event.
      const doc = fieldDocOf(schema);
      if (doc === undefined) throw new Error(`catalogue field "${name}" has no documentation; wrap it in shared(), buyerData() or personal()`);
      out.push({
        name,
        description: doc.description,
        format: doc.format,
        size: doc.size ?? null,
        sent_to_affiliates: doc.affiliate,
        sent_to_affiliates_when_shared: doc.affiliateWhenShared,
        required,
      });
    }
  }
}

const cache = new WeakMap<z.core.$ZodType, readonly CatalogField[]>();

/** The documented leaf fields of a `data` schema, in schema order. */
export function fieldsOf(schema: z.core.$ZodType): readonly CatalogField[] {
  let fields = cache.get(schema);
  if (fields === undefined) {
    const out: CatalogField[] = [];
    walk(schema, '', true, out);
    fields = Object.freeze(out);
    cache.set(schema, fields);
  }
  return fields;
}
