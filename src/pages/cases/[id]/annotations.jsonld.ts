import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { caseAnnotations } from '../../../core/export/web-annotation.ts';
import type { CaseEntry } from '../../../schemas/case-entry.ts';
import { exportContext, jsonResponse } from '../../../exports.ts';
import { site } from '../../../site.ts';

/** `/cases/<id>/annotations.jsonld`: the claims as W3C Web Annotations on the source text (docs/annotations.schema.json). */
export const getStaticPaths = (async () => (await getCollection('cases')).map((c) => ({ params: { id: c.id }, props: { entry: c.data } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CaseEntry }> = ({ props }) =>
  jsonResponse(caseAnnotations(props.entry, site, exportContext), 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
