import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerCount } from '../verify-pool.ts';
import { cardDigest, drawCard, storeCard } from './render-card.ts';

export interface CardJob {
  digest: string;
  svg: string;
}

export interface DrawCardsWorkerRequest {
  cacheDir: string;
  jobs: CardJob[];
}

export interface DrawCardsResult {
  /** Cards drawn by this call. */
  drawn: number;
  /** Cards already in the cache (or listed twice). */
  cached: number;
  /** Threads that drew: 1 when drawing in this thread. */
  threads: number;
  ms: number;
}

/** Below this many cards to draw, starting workers (each loads resvg and the fonts: ~50 ms) costs more than it saves. */
export const MIN_CARDS_FOR_WORKERS = 40;

function drawInThread(jobs: readonly CardJob[], cacheDir: string): void {
  for (const job of jobs) storeCard(cacheDir, job.digest, drawCard(job.svg));
}

function drawInWorker(url: URL, cacheDir: string, jobs: CardJob[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', () => {
      resolve();
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`card worker exited with code ${code}`)));
    worker.postMessage({ cacheDir, jobs } satisfies DrawCardsWorkerRequest);
  });
}

/**
 * Draws every card not yet in `cacheDir` (the cache `renderCard` reads), in `workers` worker threads
 * (default: one per core, at most 4, `$TAHQIQ_WORKERS` overrides), so the card endpoint then only reads
 * files. Cards a worker could not draw (it failed to start or crashed) are drawn in this thread; a card
 * whose SVG resvg rejects throws, as `renderCard` would.
 */
export async function drawCards(svgs: Iterable<string>, cacheDir: string, workers: number = workerCount()): Promise<DrawCardsResult> {
  const started = performance.now();
  const jobs = new Map<string, CardJob>();
  let listed = 0;
  for (const svg of svgs) {
    listed++;
    const digest = cardDigest(svg);
    if (!jobs.has(digest) && !existsSync(path.join(cacheDir, `${digest}.png`))) jobs.set(digest, { digest, svg });
  }
  const pending = [...jobs.values()];
  const url = new URL('./draw-cards-worker.ts', import.meta.url);
  const threads = pending.length >= MIN_CARDS_FOR_WORKERS && url.protocol === 'file:' ? Math.max(1, Math.min(workers, pending.length)) : 1;
  if (threads === 1) {
    drawInThread(pending, cacheDir);
  } else {
    // Dealt round-robin: long Arabic titles and short English ones spread evenly over the threads.
    const slices = Array.from({ length: threads }, (_, t) => pending.filter((_, i) => i % threads === t));
    await Promise.allSettled(slices.map((slice) => drawInWorker(url, cacheDir, slice)));
    drawInThread(
      pending.filter((job) => !existsSync(path.join(cacheDir, `${job.digest}.png`))),
      cacheDir,
    );
  }
  return { drawn: pending.length, cached: listed - pending.length, threads, ms: performance.now() - started };
}
