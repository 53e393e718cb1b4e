import { createHash } from 'node:crypto';
import type { APIRoute, GetStaticPaths } from 'astro';
import { casePart, caseSummaries } from '../cases.ts';
import { caseClaimsText, claimsDataChunks } from '../core/export/claims-data.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import { exportContext, exportContextDigest } from '../exports.ts';

const kind = (summary: CaseSummary) => `claims-${exportContextDigest(summary.lang)}`;

/**
 * `/claims.json`: every claim of every case (format: docs/claims.schema.json). A route with one path so that it can
 * have a `cacheKey` (every case's key and the context its part was made in): a rebuild with no case changed reuses
 * the last output (at 4,000 cases it is ~135 MB, and 5 s to make again even from kept parts).
 */
export const getStaticPaths = (async () => {
  const summaries = await caseSummaries();
  const cacheKey = createHash('sha256').update(JSON.stringify(summaries.map((s) => [s.id, s.key, s.reviewed, kind(s)]))).digest('hex');
  return [{ params: { all: 'claims' }, props: { summaries }, cacheKey }];
}) satisfies GetStaticPaths;

/**
 * Each case's part is kept beside the verified case as UTF-8 bytes, so the parts of unchanged cases are not made
 * again; they are streamed piece by piece (a Response made of one 135 MB buffer takes twice as long to read back).
 */
export const GET: APIRoute<{ summaries: CaseSummary[] }> = ({ props }) => {
  const chunks = claimsDataChunks(props.summaries, (summary) => casePart(summary, kind(summary), (entry) => caseClaimsText(entry, exportContext)), exportContext);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
