import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries, wholeCase } from '../../../cases.ts';
import { caseAnnotations } from '../../../core/export/web-annotation.ts';
import type { CaseSummary } from '../../../schemas/case-summary.ts';
import { exportContext, jsonResponse } from '../../../exports.ts';
import { site } from '../../../site.ts';

/** `/cases/<id>/annotations.jsonld`: the claims as W3C Web Annotations on the source text (docs/annotations.schema.json). */
export const getStaticPaths = (async () => (await caseSummaries()).map((summary) => ({ params: { id: summary.id }, props: { summary }, cacheKey: summary.key }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ summary: CaseSummary }> = ({ props }) =>
  jsonResponse(caseAnnotations(wholeCase(props.summary), site, exportContext), 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
