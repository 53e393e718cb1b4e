/**
 * Worker side of draw-cards.ts: draws the cards it is sent into the cache, then says it is done.
 * A card that fails is left out (the parent draws what is missing, and reports the error there).
 */
import { parentPort } from 'node:worker_threads';
import type { DrawCardsWorkerRequest } from './draw-cards.ts';
import { drawCard, storeCard } from './render-card.ts';

parentPort?.once('message', ({ cacheDir, jobs }: DrawCardsWorkerRequest) => {
  let drawn = 0;
  for (const job of jobs) {
    try {
      storeCard(cacheDir, job.digest, drawCard(job.svg));
      drawn++;
    } catch {
      // drawn again by the parent, which reports the error
    }
  }
  parentPort?.postMessage(drawn);
});
