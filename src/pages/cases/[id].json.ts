import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { caseData } from '../../core/export/case-data.ts';
import type { CaseEntry } from '../../schemas/case-entry.ts';
import { exportContext, jsonResponse } from '../../exports.ts';

/** `/cases/<id>.json`: the case as open data (format: docs/case.schema.json). */
export const getStaticPaths = (async () => (await getCollection('cases')).map((c) => ({ params: { id: c.id }, props: { entry: c.data } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: CaseEntry }> = ({ props }) => jsonResponse(caseData(props.entry, exportContext));
