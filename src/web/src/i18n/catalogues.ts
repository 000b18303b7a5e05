// The message catalogues, one per language, each its own chunk: a browser downloads only the language it shows.
// pt-BR is the reference: every other catalogue must have exactly its keys (the loaders' type below and
// test/browser/dashboard-i18n.test.ts check it). See the README ("Adding a string").
import type ptBR from './messages/pt-BR.json';
import type { Locale } from './locales.ts';

export type MessageKey = keyof typeof ptBR;
export type Messages = Record<MessageKey, string>;

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  'pt-BR': () => import('./messages/pt-BR.json'),
  es: () => import('./messages/es.json'),
  en: () => import('./messages/en.json'),
};

export async function loadCatalogue(locale: Locale): Promise<Messages> {
  return (await loaders[locale]()).default;
}
