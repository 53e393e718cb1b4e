import { cardSvg } from './core/share-card/card-svg.ts';
import { uiFor } from './i18n/ui.ts';
import type { CaseSummary } from './schemas/case-summary.ts';
import { siteName } from './site.ts';

/** The share card of a case as SVG: one function for the loader (which draws all cards ahead) and the card endpoint, so both find the same cached PNG. */
export function caseCardSvg(summary: Pick<CaseSummary, 'title' | 'lang' | 'dir' | 'tally'>): string {
  return cardSvg({ title: summary.title, lang: summary.lang, dir: summary.dir, siteName: siteName(summary.lang), tally: summary.tally, labels: uiFor(summary.lang).status });
}
