import type { APIRoute } from 'astro';
import { casePart, caseSummaries } from '../cases.ts';
import { caseClaimsText, claimsDataChunks } from '../core/export/claims-data.ts';
import { exportContext, exportContextDigest } from '../exports.ts';

/**
 * `/claims.json`: every claim of every case (format: docs/claims.schema.json). Each case's part is kept beside the
 * verified case, so a rebuild makes only the parts of cases that changed; the parts are streamed, one case at a time.
 */
export const GET: APIRoute = async () => {
  const chunks = claimsDataChunks(
    await caseSummaries(),
    (summary) => casePart(summary, `claims-${exportContextDigest(summary.lang)}`, (entry) => caseClaimsText(entry, exportContext)),
    exportContext,
  );
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
