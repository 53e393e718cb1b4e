/**
 * Worker-process side of verify-pool.ts: verifies the case files it is sent, with one source cache, sends back plain
 * data (entries, or with a cache folder the cached cases' summaries and facts; problems, records), and exits.
 */
import pLimit from 'p-limit';
import { answerOnce } from './answer-once.ts';
import type { SourceCache } from './build-case.ts';
import { caseKey, publishCase, publishedCase } from './case-cache.ts';
import { boundedSourceCache } from './source-cache.ts';
import { failedCase } from './internal-error.ts';
import { verifyCaseFile } from './load-cases.ts';
import { CASES_AT_ONCE, type WorkerRequest, type WorkerResult } from './verify-pool.ts';

const sources: SourceCache = boundedSourceCache();

async function verifyOne({ root, tool, cacheDir, summaries, settledNs }: WorkerRequest, file: string): Promise<WorkerResult> {
  try {
    const v = await verifyCaseFile(root, file, { sources, tool, settledNs });
    if ((cacheDir || summaries) && v.entry && v.record) {
      const key = caseKey(v.record);
      const published = cacheDir ? publishCase(cacheDir, v.entry, key) : publishedCase(v.entry, key);
      return { file, entry: undefined, published, problems: v.problems.items, record: v.record, seen: v.seen };
    }
    return { file, entry: v.entry, problems: v.problems.items, record: v.record, seen: v.seen };
  } catch (error) {
    return { file, entry: undefined, problems: failedCase(error, file).own.items, record: undefined };
  }
}

answerOnce(async (request: WorkerRequest) => {
  const limit = pLimit(CASES_AT_ONCE);
  return Promise.all(request.files.map((file) => limit(() => verifyOne(request, file))));
});
