/**
 * Child-process side of draw-cards.ts: draws the cards it is sent into the cache, says how many it drew,
 * and exits. A card that fails is left out (the parent draws what is missing, and reports the error there).
 */
import type { DrawCardsRequest } from './draw-cards.ts';
import { yieldToEventLoop } from './draw-cards.ts';
import { drawCard, storeCard } from './render-card.ts';

// A build stopped (Ctrl-C, a CI timeout) takes its card processes with it, even one stopped while this one was starting.
process.once('disconnect', () => process.exit(1));
if (!process.connected) process.exit(1);

process.once('message', async ({ cacheDir, jobs }: DrawCardsRequest) => {
  let drawn = 0;
  for (const job of jobs) {
    try {
      storeCard(cacheDir, job.digest, drawCard(job.svg));
      drawn++;
    } catch {
      // drawn again by the parent, which reports the error
    }
    await yieldToEventLoop();
  }
  process.removeAllListeners('disconnect');
  process.send?.(drawn, () => process.disconnect());
});
