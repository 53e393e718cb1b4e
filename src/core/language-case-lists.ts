/**
 * The case lists in one language, beside the home page's list of every case (in the site's language): `/<lang>/`,
 * `/<lang>/page/<n>/`. Each language other than the site's that has a case, and UI strings to show it in, gets one, so
 * a reader of an English case on an Arabic site finds the other English cases with English chrome. A list is named by
 * the primary language of its cases (`en-GB` and `en` cases are both on `/en/`).
 */
import { caseListPath, type ListedCase } from './case-list-pages.ts';

/** What a language list needs of a case: what orders it, and its language. */
export interface LanguageListedCase extends ListedCase {
  lang: string;
}

/** The primary language of a BCP 47 tag, lower case: `en` for `en-GB`. */
export function primaryLanguage(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}

/** The languages with a list of their own, in alphabetical order: those of the cases, not the site's, with UI strings. */
export function caseListLanguages(cases: readonly { lang: string }[], siteLang: string, hasUiStrings: (lang: string) => boolean): string[] {
  const site = primaryLanguage(siteLang);
  const languages = new Set(cases.map((c) => primaryLanguage(c.lang)));
  return [...languages].filter((lang) => lang !== site && hasUiStrings(lang)).sort();
}

/** The cases of the list in `lang` (a primary language), in the order given. */
export function casesInLanguage<T extends LanguageListedCase>(cases: readonly T[], lang: string): T[] {
  return cases.filter((c) => primaryLanguage(c.lang) === lang);
}

/** A language list page's path below the site's base: `en/` for its first page, `en/page/<n>/` for the others. */
export function languageListPath(lang: string, number: number): string {
  return `${lang}/${caseListPath(number)}`;
}

/** A list page's path below the site's base: the home page's list when `lang` is undefined, else the list in `lang`. */
export function listPagePath(lang: string | undefined, number: number): string {
  return lang === undefined ? caseListPath(number) : languageListPath(lang, number);
}

/** The list a page in `lang` leads to from its header (undefined: the home page's): the list in its primary language, if there is one. */
export function listOfPageLanguage(lang: string, languages: readonly string[]): string | undefined {
  const primary = primaryLanguage(lang);
  return languages.includes(primary) ? primary : undefined;
}

/** The first page of every list, the home page's (in the site's language) first: each other's versions (`hreflang`). */
export function firstListPages(siteLang: string, languages: readonly string[]): { lang: string; path: string }[] {
  return [{ lang: siteLang, path: caseListPath(1) }, ...languages.map((lang) => ({ lang, path: languageListPath(lang, 1) }))];
}
