// The description tables, one chunk per language like the message catalogues (src/web/src/i18n/catalogues.ts): a
// browser downloads only the table of the language it shows, and only when it opens the documentation.
import type { Locale } from '../../i18n/locales.ts';
import { describeWith, inEnglish } from './describe.ts';
import type { DescribeField, DescriptionTable } from './describe.ts';

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: DescriptionTable }>> = {
  'pt-BR': () => import('./pt-BR.json'),
  es: () => import('./es.json'),
};

/** English is the catalogue's own language: nothing to fetch. */
export async function loadFieldDescriptions(locale: Locale): Promise<DescribeField> {
  if (locale === 'en') return inEnglish;
  return describeWith((await loaders[locale]()).default);
}
