// Which of our languages a public page speaks (the checkout, the members area, the operator's pages): the browser's
// Accept-Language decides, and pt-BR, the producers' and buyers' own, when it names none of ours.
export const pageLanguages = ['pt-BR', 'es', 'en'] as const;
export type PageLanguage = (typeof pageLanguages)[number];

/** The best of our languages for an Accept-Language header (q-values honoured); pt-BR when none matches. */
export function pickLanguage(acceptLanguage: string | undefined): PageLanguage {
  const ranked = (acceptLanguage ?? '').split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.map((param) => param.trim()).find((param) => param.startsWith('q='))?.slice(2) ?? '1');
    return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
  }).filter((entry) => entry.tag !== '' && entry.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'pt') return 'pt-BR';
    if (primary === 'es') return 'es';
    if (primary === 'en') return 'en';
  }
  return 'pt-BR';
}
