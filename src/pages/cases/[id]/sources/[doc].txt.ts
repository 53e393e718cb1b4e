import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { caseSummaries } from '../../../../cases.ts';
import { outputPaths, outputResponse } from '../../../../direct-routes.ts';

/** The document's bytes as they are in the repository (their SHA-256 is the one the case JSON gives). */
const make = ({ document }: { document: string }) => readFileSync(path.resolve(process.cwd(), document));

/** `/cases/<id>/sources/<doc>.txt`: each source document verbatim, the target of the Web Annotations. */
export const getStaticPaths = (async () =>
  outputPaths(
    (await caseSummaries()).flatMap((c) => c.documents.map((d) => ({ params: { id: c.id, doc: d.id }, props: { document: d.document }, file: `cases/${c.id}/sources/${d.id}.txt`, key: d.sha256 }))),
    make,
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ document: string }> = ({ props }) => outputResponse(make(props), 'text/plain; charset=utf-8');
