/**
 * The Astro layer's view of the per-language case lists (src/core/language-case-lists.ts): which languages have one,
 * from the published cases. Every page's header asks, so a build reads them once; `astro dev` at every call, as cases change.
 */
import { caseSummaries } from './cases.ts';
import { caseListLanguages, firstListPages } from './core/language-case-lists.ts';
import { urls } from './exports.ts';
import { hasUiStrings } from './i18n/ui.ts';
import { site } from './site.ts';

let languages: Promise<string[]> | undefined;

/** The languages with a case list of their own (`/<lang>/`), in alphabetical order. */
export function listLanguages(): Promise<string[]> {
  const read = async () => caseListLanguages(await caseSummaries(), site.lang, hasUiStrings);
  if (import.meta.env.DEV) return read();
  return (languages ??= read());
}

/** The other lists' first pages, as `hreflang` alternates of the first page at `path` (`''` for the home page, `en/`). */
export async function listAlternates(path: string): Promise<{ lang: string; href: string }[]> {
  return firstListPages(site.lang, await listLanguages())
    .filter((p) => p.path !== path)
    .map((p) => ({ lang: p.lang, href: urls.page(p.path) }));
}
