import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries } from '../../../cases.ts';
import { cardSvg } from '../../../core/share-card/card-svg.ts';
import { renderCard } from '../../../core/share-card/render-card.ts';
import type { CaseSummary } from '../../../schemas/case-summary.ts';
import { uiFor } from '../../../i18n/ui.ts';
import { siteName } from '../../../site.ts';

/** Unchanged cards are read from here instead of being drawn again (cleared with node_modules). */
const CACHE_DIR = path.resolve(process.cwd(), 'node_modules/.cache/tahqiq-cards');

/** `/cases/<id>/card.png`: the 1200×630 link-preview image of a case (title and tally bar). */
export const getStaticPaths = (async () => (await caseSummaries()).map((entry) => ({ params: { id: entry.id }, props: { entry }, cacheKey: entry.key }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CaseSummary }> = ({ props: { entry } }) => {
  const t = uiFor(entry.lang);
  const svg = cardSvg({ title: entry.title, lang: entry.lang, dir: entry.dir, siteName: siteName(entry.lang), tally: entry.tally, labels: t.status });
  const card = renderCard(svg, CACHE_DIR);
  return new Response(new Uint8Array(card.png), { headers: { 'content-type': 'image/png' } });
};
