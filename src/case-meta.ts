import type { CaseEntry } from './schemas/case-entry.ts';
import { urls } from './exports.ts';
import { site } from './site.ts';

/** A case's translations (frontmatter `translations`) that were published: their id and language. */
export interface CaseTranslation {
  id: string;
  lang: string;
}

/** The published translations of `entry` among `all` (the build has already checked they exist and link back). */
export function caseTranslations(entry: Pick<CaseEntry, 'translations'>, all: ReadonlyMap<string, CaseTranslation>): CaseTranslation[] {
  return (entry.translations ?? []).flatMap((t) => {
    const other = all.get(t.id);
    return other ? [{ id: other.id, lang: other.lang }] : [];
  });
}

/** The hreflang `x-default` of a case and its translations: the one in the site's language, else the case itself. */
function xDefaultOf(entry: CaseEntry, translations: readonly CaseTranslation[]): string {
  const primary = (lang: string) => lang.split('-')[0]!.toLowerCase();
  const inSiteLanguage = [{ id: entry.id, lang: entry.lang }, ...translations].find((c) => primary(c.lang) === primary(site.lang));
  return urls.case(inSiteLanguage?.id ?? entry.id);
}

/**
 * What a case page tells search engines and link previews (Base.astro props): canonical address, share card, type,
 * search indexing, and its translations as `hreflang` alternates (with `x-default`).
 */
export function caseMeta(entry: CaseEntry, translations: readonly CaseTranslation[] = []) {
  return {
    alternates: translations.map((t) => ({ lang: t.lang, href: urls.case(t.id) })),
    xDefault: translations.length > 0 ? xDefaultOf(entry, translations) : undefined,
    type: 'article' as const,
    canonical: urls.case(entry.id),
    searchable: true,
    image: { url: urls.shareCard(entry.id), alt: entry.title },
  };
}
