import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries, wholeCase } from '../../cases.ts';
import { caseData } from '../../core/export/case-data.ts';
import type { CaseSummary } from '../../schemas/case-summary.ts';
import { exportContext, jsonResponse } from '../../exports.ts';

/** `/cases/<id>.json`: the case as open data (format: docs/case.schema.json). Not rendered again while the case is unchanged (incremental build). */
export const getStaticPaths = (async () =>
  (await caseSummaries()).map((summary) => ({ params: { id: summary.id }, props: { summary }, cacheKey: `${summary.key}:${JSON.stringify(summary.history ?? null)}` }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ summary: CaseSummary }> = ({ props }) => jsonResponse(caseData(wholeCase(props.summary), exportContext));
