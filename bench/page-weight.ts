/**
 * Page weight of a built page: HTML, inline CSS and inline JS, raw and gzip.
 * Used by bench/run.ts (figures) and tests/build.test.ts (budgets).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface Weight {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  total: Weight;
  /** What a reader's browser renders: the page without its JSON-LD structured data (which is for search engines). */
  reader: Weight;
  /** The JSON-LD structured data (ClaimReview) alone. */
  structuredData: Weight;
  css: Weight;
  js: Weight;
  /** External scripts and stylesheets the page loads (0 when everything is inline). */
  externalAssets: number;
}

function weigh(text: string): Weight {
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
}

export function pageWeight(htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile, 'utf8');
  const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  // JSON-LD (structured data) is data, not script: it counts in the total only.
  const js = [...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const externalAssets = [...html.matchAll(/<script[^>]+src=|<link[^>]+rel="stylesheet"/g)].length;
  const jsonLd = /<script[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/g;
  const structuredData = [...html.matchAll(jsonLd)].map((m) => m[1]).join('\n');
  return { total: weigh(html), reader: weigh(html.replace(jsonLd, '')), structuredData: weigh(structuredData), css: weigh(css), js: weigh(js), externalAssets };
}
