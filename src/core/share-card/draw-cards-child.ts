/**
 * Child-process side of draw-cards.ts: draws the cards it is sent into the cache, says how many it drew,
 * and exits. A card that fails is left out (the parent draws what is missing, and reports the error there).
 */
import { existsSync } from 'node:fs';
import { answerOnce } from '../answer-once.ts';
import type { DrawCardsRequest } from './draw-cards.ts';
import { yieldToEventLoop } from './draw-cards.ts';
import { CARD_FONTS, drawCard, storeCard } from './render-card.ts';

answerOnce(async ({ cacheDir, jobs, fonts }: DrawCardsRequest) => {
  // resvg draws no text at all from a font file that is gone: the whole fonts then (the same pixels, more slowly).
  const usable = fonts.every((font) => existsSync(font)) ? fonts : CARD_FONTS;
  let drawn = 0;
  for (const job of jobs) {
    try {
      storeCard(cacheDir, job.digest, drawCard(job.svg, usable));
      drawn++;
    } catch {
      // drawn again by the parent, which reports the error
    }
    await yieldToEventLoop();
  }
  return drawn;
});
