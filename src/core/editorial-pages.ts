/** The editorial pages every fact-check site publishes next to its rating definitions (IFCN code of principles). */
export const EDITORIAL_PAGES = ['methodology', 'corrections', 'report-an-error'] as const;

export type EditorialPage = (typeof EDITORIAL_PAGES)[number];

/** Languages the editorial pages are written in (content/pages/<page>/<lang>.mdx). */
export const EDITORIAL_LANGUAGES = ['ar', 'en'] as const;

/** `/<page>/<lang>/` under `base`, in the page's language closest to `lang` (English when there is none). */
export function editorialUrl(page: EditorialPage, lang: string, base: string): string {
  const primary = lang.split('-')[0]!.toLowerCase();
  return `${base}${page}/${(EDITORIAL_LANGUAGES as readonly string[]).includes(primary) ? primary : 'en'}/`;
}
