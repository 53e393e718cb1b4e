import { existsSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { caseCardSvg } from '../../../case-card.ts';
import { caseSummaries } from '../../../cases.ts';
import { cardsDrawing } from '../../../core/share-card/cards-drawing.ts';
import { cardCacheDir, cardDigest, renderCard } from '../../../core/share-card/render-card.ts';
import type { CaseSummary } from '../../../schemas/case-summary.ts';

/** Unchanged cards are read from here instead of being drawn again (cleared with node_modules). */
const CACHE_DIR = cardCacheDir();

/** `/cases/<id>/card.png`: the 1200×630 link-preview image of a case (title and tally bar). */
export const getStaticPaths = (async () => (await caseSummaries()).map((entry) => ({ params: { id: entry.id }, props: { entry }, cacheKey: entry.key }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CaseSummary }> = async ({ props: { entry } }) => {
  const svg = caseCardSvg(entry);
  // In a build the loader is drawing every card in other processes: wait for it rather than draw this one twice.
  const drawing = cardsDrawing();
  if (drawing && !existsSync(path.join(CACHE_DIR, `${cardDigest(svg)}.png`))) await drawing;
  const card = renderCard(svg, CACHE_DIR);
  return new Response(new Uint8Array(card.png), { headers: { 'content-type': 'image/png' } });
};
