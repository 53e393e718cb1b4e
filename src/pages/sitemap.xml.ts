import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { listLanguages } from '../case-lists.ts';
import { caseSummaries } from '../cases.ts';
import { EDITORIAL_LANGUAGES, EDITORIAL_PAGES, editorialUrl } from '../core/editorial-pages.ts';
import { firstListPages } from '../core/language-case-lists.ts';
import { xmlEscape } from '../core/export/atom-feed.ts';
import { lastModified } from '../core/export/case-dates.ts';
import { urls } from '../exports.ts';
import { caseTranslations } from '../case-meta.ts';
import { site } from '../site.ts';

/**
 * `/sitemap.xml`: every canonical page (index, the case list in each other language `/<lang>/`, cases, editorial and
 * ratings pages), cases with the date of their last change (review or committed correction); the index and the language lists, editorial pages and cases with
 * `translations` with their other-language versions (`xhtml:link` hreflang). List pages after the first are left out.
 */
export const GET: APIRoute = async () => {
  const cases = (await caseSummaries()).sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const pages = await getCollection('pages');
  const has = (id: string) => pages.some((p) => p.id === id);
  const url = (loc: string, extra = '') => `  <url><loc>${xmlEscape(loc)}</loc>${extra}</url>`;
  const alternatesOf = (page: string) =>
    EDITORIAL_LANGUAGES.filter((l) => has(`${page}/${l}`))
      .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlEscape(urls.page(`${page}/${l}/`))}"/>`)
      .join('');
  // A case and its translations, each listing all versions (itself included), as for the editorial pages.
  const caseAlternates = (c: (typeof cases)[number]) => {
    const translations = caseTranslations(c, byId);
    if (translations.length === 0) return '';
    return [{ id: c.id, lang: c.lang }, ...translations]
      .map((t) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(t.lang)}" href="${xmlEscape(urls.case(t.id))}"/>`)
      .join('');
  };
  // The home page and the first page of each language list, each listing all of them (itself included).
  const lists = firstListPages(site.lang, await listLanguages()).map((l) => ({ lang: l.lang, loc: urls.page(l.path) }));
  // With `x-default` on the home page, for readers of any other language, as the pages' own `<link>`s say.
  const listAlternates = lists.length > 1
    ? [...lists.map((l) => `<xhtml:link rel="alternate" hreflang="${xmlEscape(l.lang)}" href="${xmlEscape(l.loc)}"/>`), `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(urls.home)}"/>`].join('')
    : '';
  const editorial = (['ratings', ...EDITORIAL_PAGES] as const).flatMap((page) =>
    EDITORIAL_LANGUAGES.filter((l) => has(`${page}/${l}`)).map((l) => url(page === 'ratings' ? urls.page(`ratings/${l}/`) : urls.page(editorialUrl(page, l, '')), alternatesOf(page))),
  );
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...lists.map((l) => url(l.loc, listAlternates)),
    ...cases.map((c) => url(urls.case(c.id), `<lastmod>${lastModified(c)}</lastmod>${caseAlternates(c)}`)),
    ...editorial,
    '</urlset>',
    '',
  ].join('\n');
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
