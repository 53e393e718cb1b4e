import { existsSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { caseCardSvg } from '../../../case-card.ts';
import { caseSummaries } from '../../../cases.ts';
import { cardsDrawing } from '../../../core/share-card/cards-drawing.ts';
import { cardCacheDir, cardDigest, renderCard } from '../../../core/share-card/render-card.ts';
import { outputPaths, outputResponse } from '../../../direct-routes.ts';
import type { CaseSummary } from '../../../schemas/case-summary.ts';

/** Unchanged cards are read from here instead of being drawn again (cleared with node_modules). */
const CACHE_DIR = cardCacheDir();

async function make({ entry }: { entry: CaseSummary }): Promise<Uint8Array> {
  const svg = caseCardSvg(entry);
  // In a build the loader is drawing every card in other processes: wait for it rather than draw this one twice.
  const drawing = cardsDrawing();
  if (drawing && !existsSync(path.join(CACHE_DIR, `${cardDigest(svg)}.png`))) await drawing;
  return renderCard(svg, CACHE_DIR).png;
}

/** `/cases/<id>/card.png`: the 1200×630 link-preview image of a case (title and tally bar). */
export const getStaticPaths = (async () =>
  outputPaths(
    (await caseSummaries()).map((entry) => ({ params: { id: entry.id }, props: { entry }, file: `cases/${entry.id}/card.png`, key: entry.key })),
    make,
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CaseSummary }> = ({ props }) => outputResponse(make(props), 'image/png');
