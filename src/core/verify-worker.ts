/**
 * Worker-process side of verify-pool.ts: verifies the case files it is sent, with one source cache, sends back plain
 * data (entries, or with a cache folder the cached cases' summaries and facts; problems, records), and exits.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import pLimit from 'p-limit';
import { answerOnce } from './answer-once.ts';
import type { SourceCache } from './build-case.ts';
import { boundedSourceCache } from './source-cache.ts';
import { verifyForRun } from './load-cases.ts';
import { CASES_AT_ONCE, type WorkerRequest } from './verify-pool.ts';

const sources: SourceCache = boundedSourceCache();

answerOnce(async (request: WorkerRequest) => {
  const limit = pLimit(CASES_AT_ONCE);
  // Verification reads synchronously, so a case never waits on the event loop by itself. A turn of the loop before
  // each case lets the process notice that its parent has gone (answerOnce) instead of verifying the rest of its
  // slice for no one.
  return Promise.all(
    request.files.map((file) =>
      limit(async () => {
        await yieldToEventLoop();
        return verifyForRun(request, file, sources);
      }),
    ),
  );
});
