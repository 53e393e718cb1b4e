import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries } from '../../../../cases.ts';
import { readSource } from '../../../../exports.ts';

/** `/cases/<id>/sources/<doc>.txt`: each source document verbatim, the target of the Web Annotations (its SHA-256 is in the case JSON). */
export const getStaticPaths = (async () =>
  (await caseSummaries()).flatMap((c) => c.documents.map((d) => ({ params: { id: c.id, doc: d.id }, props: { document: d.document }, cacheKey: d.sha256 })))) satisfies GetStaticPaths;

export const GET: APIRoute<{ document: string }> = ({ props }) =>
  new Response(readSource(props.document), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
