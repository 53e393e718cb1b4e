import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries, wholeCase } from '../../../cases.ts';
import { caseAnnotations } from '../../../core/export/web-annotation.ts';
import { outputPaths, outputResponse } from '../../../direct-routes.ts';
import type { CaseSummary } from '../../../schemas/case-summary.ts';
import { exportContext, jsonText } from '../../../exports.ts';
import { site } from '../../../site.ts';

const make = ({ summary }: { summary: CaseSummary }) => jsonText(caseAnnotations(wholeCase(summary), site, exportContext));
const TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8';

/** `/cases/<id>/annotations.jsonld`: the claims as W3C Web Annotations on the source text (docs/annotations.schema.json). */
export const getStaticPaths = (async () =>
  outputPaths(
    (await caseSummaries()).map((summary) => ({ params: { id: summary.id }, props: { summary }, file: `cases/${summary.id}/annotations.jsonld`, key: summary.key })),
    make,
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ summary: CaseSummary }> = ({ props }) => outputResponse(make(props), TYPE);
