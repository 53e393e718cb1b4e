/**
 * The Astro layer's view of the exporters in src/core/export: one context (site URLs, status labels,
 * source texts) shared by the case pages' JSON-LD, the open-data endpoints and the feed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportContext } from './core/export/case-data.ts';
import type { ClaimReviewContext } from './core/export/claim-review.ts';
import { siteUrls } from './core/export/site-urls.ts';
import { uiFor } from './i18n/ui.ts';
import { site } from './site.ts';

export const urls = siteUrls(site.url, site.base);

const sources = new Map<string, string>();

/** A source document's verbatim text (read once per build). */
export function readSource(document: string): string {
  let text = sources.get(document);
  if (text === undefined) {
    text = readFileSync(path.resolve(process.cwd(), document), 'utf8');
    sources.set(document, text);
  }
  return text;
}

const statusLabel = (status: Parameters<ExportContext['statusLabel']>[0], lang: string) => uiFor(lang).status[status];

export const exportContext: ExportContext = { urls, statusLabel, readSource };
export const claimReviewContext: ClaimReviewContext = { site, urls, statusLabel };

/** Pretty JSON with a final newline: readable, diff-friendly open data. */
export function jsonResponse(data: unknown, type = 'application/json'): Response {
  return new Response(`${JSON.stringify(data, null, 2)}\n`, { headers: { 'content-type': `${type}; charset=utf-8` } });
}
