import type { APIRoute } from 'astro';
import { caseSummaries, wholeCase } from '../cases.ts';
import { claimsData } from '../core/export/claims-data.ts';
import { exportContext, jsonResponse } from '../exports.ts';

/** `/claims.json`: every claim of every case (format: docs/claims.schema.json). */
export const GET: APIRoute = async () => jsonResponse(claimsData((await caseSummaries()).map(wholeCase), exportContext));
