import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { indexShard } from './index-shard.ts';

/** A shard to index: its pages (paths under the output folder) and the folder its bundle is written to. */
export interface ShardJob {
  pages: string[];
  folder: string;
}

/** What the shard worker answers for a job. */
export type ShardAnswer = { ok: true } | { ok: false; message: string };

/**
 * Indexes shards side by side: one lane in this thread (Pagefind's service of this process), and one more per core,
 * at most `lanes` in all, each a worker thread with a Pagefind service of its own (index-shard-worker.ts). Pagefind's
 * service answers one request at a time, and a shard is indexed one page a request (indexShard), so one service
 * reads one page at a time: the lanes give back the pages read side by side that one request for a whole shard gave.
 * Rejects with the first shard that could not be indexed.
 */
export async function indexShards(outDir: string, jobs: readonly ShardJob[], lanes = Math.min(2, availableParallelism())): Promise<void> {
  const queue = [...jobs];
  const lane = async (index: (job: ShardJob) => Promise<void>) => {
    for (let job = queue.shift(); job; job = queue.shift()) await index(job);
  };
  const helpers = Array.from({ length: Math.max(0, Math.min(lanes, jobs.length) - 1) }, () => new ShardWorker());
  try {
    await Promise.all([lane((job) => indexShard(outDir, job.pages, job.folder)), ...helpers.map((helper) => lane((job) => helper.index(outDir, job)))]);
  } finally {
    await Promise.all(helpers.map((helper) => helper.stop()));
  }
}

/** A worker thread indexing the shards it is sent, one at a time. */
class ShardWorker {
  readonly #worker = new Worker(new URL('./index-shard-worker.ts', import.meta.url));
  #failed: Error | undefined;

  constructor() {
    this.#worker.on('error', (error) => (this.#failed = error));
  }

  index(outDir: string, job: ShardJob): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#failed) return reject(this.#failed);
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`the search index worker stopped (exit code ${code})`));
      this.#worker.once('error', onError);
      this.#worker.once('exit', onExit);
      this.#worker.once('message', (answer: ShardAnswer) => {
        this.#worker.off('error', onError);
        this.#worker.off('exit', onExit);
        if (answer.ok) resolve();
        else reject(new Error(answer.message));
      });
      this.#worker.postMessage({ outDir, ...job });
    });
  }

  /** Closes the worker's Pagefind service, then the worker. */
  async stop(): Promise<void> {
    if (this.#failed) return void (await this.#worker.terminate());
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop');
    await exited;
  }
}
