import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CaseEntry } from '../schemas/case-entry.ts';
import type { VerifiedRecord } from './case-digest.ts';
import type { PublishedCase } from './case-cache.ts';
import type { SeenFile } from './load-cases.ts';
import { childEnv } from './child-env.ts';
import type { Problem } from './problems.ts';

export interface WorkerRequest {
  root: string;
  tool: string;
  cacheDir?: string | undefined;
  /** Without `cacheDir`: send back summaries and facts, not entries (see LoadOptions). */
  summaries?: boolean | undefined;
  /** LoadOptions.settledNs. */
  settledNs?: bigint | undefined;
  files: string[];
}

export interface WorkerResult {
  file: string;
  /** The published entry (when not cached: see `published`). */
  entry: CaseEntry | undefined;
  /** With a cache folder: the entry went to the verified-case cache; this is what the loader keeps of it. */
  published?: PublishedCase | undefined;
  problems: Problem[];
  record: VerifiedRecord | undefined;
  /** VerifiedFile.seen: the files read, for the digests the next run knows them by. */
  seen?: SeenFile[] | undefined;
}

/**
 * Old-generation heap of each verification process. A process keeps little (each case goes to the cache as it is
 * verified), but V8 lets an unbounded heap grow far past that before collecting: at 1,000 cases the build's peak
 * memory was the verifiers' garbage. 128 MB is too little: at 4,000 cases it collected without pause (93.6 s to
 * load the archive instead of 34.9 s). A process that runs out anyway fails its slice, which is then verified in
 * the calling thread.
 */
export const WORKER_HEAP_MB = 256;

/**
 * Young generation of each verification process, in MB a half. Left to itself, V8 let it grow to 64 MB a half
 * here, even beside a 256 MB heap (`--max-old-space-size` does not bound it). A case's parse trees die young, and
 * 16 MB halves hold them: loading 1,000 cases took 9.2-12.4 s (CPU 19.0-24.6 s) against 9.7-13.1 s (CPU 19.7-26.7 s)
 * with V8's choice, faster in each of four pairs run in turn; 4 MB halves were slower (12.8-14.3 s).
 * `npm run build` gives Astro's own process the same cap (package.json).
 */
export const WORKER_SEMI_SPACE_MB = 16;

/**
 * Cases a worker (or the calling thread) verifies at once. Reads are synchronous (file-identity.ts), so cases wait
 * together only for what a run reads once (the method); the bound keeps memory flat all the same. A worker used to
 * start its whole slice at once (2,000 cases at 4,000), which kept every case it had parsed alive until its sources
 * were read: the heap stayed near its limit (WORKER_HEAP_MB) and the collector ran all the time. Loading a 4,000-case
 * archive into the verified-case cache took 40.8–48.8 s (peak RSS 1.04–1.07 GB) that way, and 31.5–38.1 s
 * (0.75–0.76 GB) 32 at a time, in runs taken in turn (worker threads and asynchronous reads then).
 */
export const CASES_AT_ONCE = 32;

/** Below this many case files to verify, starting workers (each loads Node and the core: ~0.3 s) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 200;

/** How many workers: one per core, at most 4, overridable with `$TAHQIQ_WORKERS` (0 or 1 = verify in this thread). */
export function workerCount(): number {
  const env = process.env['TAHQIQ_WORKERS'];
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return Math.min(4, availableParallelism());
}

/**
 * Verifies case files in worker processes, split in contiguous slices (cases next to each other often share sources,
 * and each worker reads a source once). With `cacheDir`, each worker writes the cases it verified to the
 * verified-case cache and sends back only their summaries and provenance facts (so no process ever holds the whole
 * archive); with `summaries`, it sends those back without caching anything. Resolves with one result per file, in
 * the order given; rejects when a worker cannot start or fails, so the caller can verify in-thread instead.
 *
 * Processes, not worker threads: the memory of a worker thread's heap stayed with the build after the thread ended
 * (loading a 4,000-case archive left the process at 0.75 GB resident, 0.1 GB of it its own heap), and Astro's bundling
 * came on top of it; a process gives its memory back when it exits.
 */
export async function verifyInWorkers(root: string, tool: string, files: readonly string[], workers: number, output: Pick<WorkerRequest, 'cacheDir' | 'summaries' | 'settledNs'> = {}): Promise<WorkerResult[]> {
  const url = new URL('./verify-worker.ts', import.meta.url);
  if (url.protocol !== 'file:') throw new Error(`no worker file at ${url.href}`);
  const size = Math.ceil(files.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  const parts = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<WorkerResult[]>((resolve, reject) => {
          const child = fork(fileURLToPath(url), [], {
            execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`, `--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`],
            env: childEnv(),
            serialization: 'advanced',
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          let results: WorkerResult[] | undefined;
          child.once('message', (message: WorkerResult[]) => {
            results = message;
          });
          child.once('error', reject);
          // 'close': after the channel is closed, so its message has arrived.
          child.once('close', (code) => (results && code === 0 ? resolve(results) : reject(new Error(`verification worker exited with code ${code}`))));
          child.send({ root, tool, ...output, files: slice } satisfies WorkerRequest);
        }),
    ),
  );
  return parts.flat();
}
