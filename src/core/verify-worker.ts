/**
 * Worker side of verify-pool.ts: verifies the case files it is sent, one source
 * cache per worker, and posts back plain data (entries, or with a cache folder
 * the cached cases' summaries and facts; problems, records).
 */
import { parentPort, workerData } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { SourceCache } from './build-case.ts';
import { caseKey, publishCase } from './case-cache.ts';
import { boundedSourceCache } from './source-cache.ts';
import { failedCase } from './internal-error.ts';
import { verifyCaseFile } from './load-cases.ts';
import { CASES_AT_ONCE, type WorkerRequest, type WorkerResult } from './verify-pool.ts';

const { root, tool, cacheDir } = workerData as { root: string; tool: string; cacheDir?: string };
const sources: SourceCache = boundedSourceCache();

async function verifyOne(file: string): Promise<WorkerResult> {
  try {
    const v = await verifyCaseFile(root, file, { sources, tool });
    if (cacheDir && v.entry && v.record) {
      return { file, entry: undefined, published: publishCase(cacheDir, v.entry, caseKey(v.record)), problems: v.problems.items, record: v.record };
    }
    return { file, entry: v.entry, problems: v.problems.items, record: v.record };
  } catch (error) {
    return { file, entry: undefined, problems: failedCase(error, file).own.items, record: undefined };
  }
}

parentPort?.on('message', async ({ files }: WorkerRequest) => {
  const limit = pLimit(CASES_AT_ONCE);
  parentPort?.postMessage(await Promise.all(files.map((file) => limit(() => verifyOne(file)))));
});
