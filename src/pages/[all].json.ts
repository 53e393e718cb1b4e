import { createHash } from 'node:crypto';
import type { APIRoute, GetStaticPaths } from 'astro';
import { casePart, caseSummaries } from '../cases.ts';
import { caseClaimsText, claimsDataChunks } from '../core/export/claims-data.ts';
import { outputPaths, outputResponse } from '../direct-routes.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import { exportContext, exportContextDigest } from '../exports.ts';

const kind = (summary: CaseSummary) => `claims-${exportContextDigest(summary.lang)}`;

/**
 * Each case's part is kept beside the verified case as UTF-8 bytes, so the parts of unchanged cases are not made
 * again, and the file is written part by part (at 4,000 cases it is ~135 MB; no piece holds more than one case).
 */
const make = ({ summaries }: { summaries: CaseSummary[] }) =>
  claimsDataChunks(summaries, (summary) => casePart(summary, kind(summary), (entry) => caseClaimsText(entry, exportContext)), exportContext);

/**
 * `/claims.json`: every claim of every case (format: docs/claims.schema.json). A dynamic route with one path
 * (`all` = `claims`) because only such a route is asked for its paths, which is where a build hands the file over
 * (src/direct-routes.ts). Its key is every case's key and the context its part was made in: a rebuild with no case
 * changed links the last build's file.
 */
export const getStaticPaths = (async () => {
  const summaries = await caseSummaries();
  const key = createHash('sha256').update(JSON.stringify(summaries.map((s) => [s.id, s.key, s.reviewed, kind(s)]))).digest('hex');
  return outputPaths([{ params: { all: 'claims' }, props: { summaries }, file: 'claims.json', key }], make);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ summaries: CaseSummary[] }> = ({ props }) => outputResponse(make(props), 'application/json; charset=utf-8');
