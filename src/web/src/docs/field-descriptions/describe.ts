// A field description in the reader's language. The catalogue's English text (written once, on the zod schemas in
// src/catalog) is the key: the API keeps serving English, and only the dashboard translates, so the schemas stay the
// single source of truth. test/field-descriptions.test.ts fails when a served description has no translation, or a
// translation outlives its English text.

/** English description → translation, one table per language other than English. */
export type DescriptionTable = Readonly<Record<string, string>>;

export type DescribeField = (english: string) => string;

export const inEnglish: DescribeField = (english) => english;

/**
 * Fails towards English: a description the table lacks (a field added after this bundle was built, or served by a
 * newer API) shows the catalogue's own text rather than nothing.
 */
export function describeWith(table: DescriptionTable): DescribeField {
  return (english) => {
    const translated = Object.hasOwn(table, english) ? table[english] : undefined;
    return translated !== undefined && translated.trim() !== '' ? translated : english;
  };
}
