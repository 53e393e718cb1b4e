/**
 * The Astro layer's view of the exporters in src/core/export: one context (site URLs, status labels,
 * source texts) shared by the case pages' JSON-LD, the open-data endpoints and the feed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportContext } from './core/export/case-data.ts';
import type { ClaimReviewContext } from './core/export/claim-review.ts';
import { siteUrls } from './core/export/site-urls.ts';
import { uiFor } from './i18n/ui.ts';
import { STATUSES } from './schemas/status.ts';
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

/**
 * What a case's part of an export depends on besides the case: the site's addresses and the status labels in the
 * case's language (12 hex digits, part of the name a derived text is kept under). The case's key covers the rest.
 */
export function exportContextDigest(lang: string): string {
  let digest = contextDigests.get(lang);
  if (digest === undefined) {
    const labels = STATUSES.map((status) => statusLabel(status, lang));
    digest = createHash('sha256').update(JSON.stringify([urls.home, urls.case('\0'), urls.claim('\0', '\0'), urls.caseData('\0'), labels])).digest('hex').slice(0, 12);
    contextDigests.set(lang, digest);
  }
  return digest;
}
const contextDigests = new Map<string, string>();
export const claimReviewContext: ClaimReviewContext = { site, urls, statusLabel };

/** Pretty JSON with a final newline: readable, diff-friendly open data. */
export function jsonText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
