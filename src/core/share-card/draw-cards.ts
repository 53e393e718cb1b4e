import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../child-env.ts';
import { workerCount } from '../verify-pool.ts';
import { cardFontsFor } from './card-fonts.ts';
import { CARD_FONTS, cardDigest, drawCard, storeCard } from './render-card.ts';

export interface CardJob {
  digest: string;
  svg: string;
}

export interface DrawCardsRequest {
  cacheDir: string;
  jobs: CardJob[];
  /** The font files to draw with: the card fonts cut down to these cards' characters (card-fonts.ts). */
  fonts: readonly string[];
}

export interface DrawCardsResult {
  /** Cards drawn by this call. */
  drawn: number;
  /** Cards already in the cache (or listed twice). */
  cached: number;
  /** Processes that drew: 1 when drawing in this process. */
  processes: number;
  ms: number;
}

/** Below this many cards to draw, starting processes (each loads Node, resvg and the fonts: ~0.2 s) costs more than it saves. */
export const MIN_CARDS_FOR_PROCESSES = 40;

/**
 * resvg's pictures (two 3 MB buffers per card) are freed by finalizers that Node runs on the event loop,
 * after a garbage collection: a loop that never yields keeps every card's pictures (6 GB for 1,000 cards)
 * and takes fresh memory, page faults and all, for each one. Yielding after each card keeps ~150 MB.
 */
export { yieldToEventLoop };

async function drawInThread(jobs: readonly CardJob[], cacheDir: string, fonts?: readonly string[]): Promise<void> {
  for (const job of jobs) {
    storeCard(cacheDir, job.digest, drawCard(job.svg, fonts));
    await yieldToEventLoop();
  }
}

function drawInChild(file: string, cacheDir: string, jobs: CardJob[], fonts: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { execArgv: [], env: childEnv(), serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`card process exited with code ${code}`))));
    child.send({ cacheDir, jobs, fonts } satisfies DrawCardsRequest);
  });
}

/**
 * Draws every card not yet in `cacheDir` (the cache `renderCard` reads), in `workers` child processes
 * (default: one per core, at most 4, `$TAHQIQ_WORKERS` overrides; one is this thread, unless `offThread`: the
 * build draws beside Astro's rendering, never on its thread), so the card endpoint then only reads
 * files. Processes, not worker threads: in a worker thread resvg's allocator takes fresh memory for every
 * picture (~1,100 page faults per card instead of ~10), which made two threads slower than one.
 * Cards a process could not draw (it failed to start or crashed) are drawn here; a card whose SVG resvg
 * rejects throws, as `renderCard` would.
 */
export async function drawCards(svgs: Iterable<string>, cacheDir: string, workers: number = workerCount(), options: { offThread?: boolean } = {}): Promise<DrawCardsResult> {
  const started = performance.now();
  const jobs = new Map<string, CardJob>();
  let listed = 0;
  for (const svg of svgs) {
    listed++;
    const digest = cardDigest(svg);
    if (!jobs.has(digest) && !existsSync(path.join(cacheDir, `${digest}.png`))) jobs.set(digest, { digest, svg });
  }
  const pending = [...jobs.values()];
  const url = new URL('./draw-cards-child.ts', import.meta.url);
  const inChildren = pending.length >= MIN_CARDS_FOR_PROCESSES && url.protocol === 'file:';
  const processes = inChildren ? Math.max(1, Math.min(workers, pending.length)) : 1;
  // Cutting the fonts takes ~60 ms and saves ~1 ms a card (card-fonts.ts): worth it from as many cards as processes are.
  const fonts = pending.length >= MIN_CARDS_FOR_PROCESSES ? await cardFontsFor(pending.map((job) => job.svg), cacheDir) : undefined;
  if (!inChildren || (processes === 1 && !options.offThread)) {
    await drawInThread(pending, cacheDir, fonts);
  } else {
    // Dealt round-robin: long Arabic titles and short English ones spread evenly.
    const slices = Array.from({ length: processes }, (_, t) => pending.filter((_, i) => i % processes === t));
    await Promise.allSettled(slices.map((slice) => drawInChild(fileURLToPath(url), cacheDir, slice, fonts ?? CARD_FONTS)));
    await drawInThread(
      pending.filter((job) => !existsSync(path.join(cacheDir, `${job.digest}.png`))),
      cacheDir,
    );
  }
  return { drawn: pending.length, cached: listed - pending.length, processes, ms: performance.now() - started };
}
