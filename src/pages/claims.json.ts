import type { APIRoute } from 'astro';
import { caseSummaries, wholeCase } from '../cases.ts';
import { claimsDataText } from '../core/export/claims-data.ts';
import { exportContext } from '../exports.ts';

/** `/claims.json`: every claim of every case (format: docs/claims.schema.json), made one whole case at a time. */
export const GET: APIRoute = async () =>
  new Response(claimsDataText(await caseSummaries(), wholeCase, exportContext), { headers: { 'content-type': 'application/json; charset=utf-8' } });
