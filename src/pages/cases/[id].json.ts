import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries, wholeCase } from '../../cases.ts';
import { caseData } from '../../core/export/case-data.ts';
import { outputPaths, outputResponse } from '../../direct-routes.ts';
import type { CaseSummary } from '../../schemas/case-summary.ts';
import { exportContext, jsonText } from '../../exports.ts';

const make = ({ summary }: { summary: CaseSummary }) => jsonText(caseData(wholeCase(summary), exportContext));
const TYPE = 'application/json; charset=utf-8';

/** `/cases/<id>.json`: the case as open data (format: docs/case.schema.json). Not made again while the case is unchanged. */
export const getStaticPaths = (async () =>
  outputPaths(
    (await caseSummaries()).map((summary) => ({ params: { id: summary.id }, props: { summary }, file: `cases/${summary.id}.json`, key: `${summary.key}:${JSON.stringify(summary.history ?? null)}` })),
    make,
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ summary: CaseSummary }> = ({ props }) => outputResponse(make(props), TYPE);
