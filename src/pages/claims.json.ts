import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { claimsData } from '../core/export/claims-data.ts';
import { exportContext, jsonResponse } from '../exports.ts';

/** `/claims.json`: every claim of every case (format: docs/claims.schema.json). */
export const GET: APIRoute = async () => jsonResponse(claimsData((await getCollection('cases')).map((c) => c.data), exportContext));
