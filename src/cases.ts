/**
 * The Astro layer's view of the cases: the content store holds a summary of each case
 * (src/schemas/case-summary.ts), and the whole verified case is read from the verified-case
 * cache (src/core/case-cache.ts) by the pages that render it.
 */
import { getCollection } from 'astro:content';
import { caseCacheDir, readCachedCase } from './core/case-cache.ts';
import type { CaseEntry } from './schemas/case-entry.ts';
import type { CaseSummary } from './schemas/case-summary.ts';

const cacheDir = caseCacheDir(process.cwd());

/** Every published case's summary, in id order. */
export async function caseSummaries(): Promise<CaseSummary[]> {
  return (await getCollection('cases')).map((c) => c.data as CaseSummary);
}

/** The whole verified case of a summary (source texts, segments, claims, evidence, notes). */
export function wholeCase(summary: CaseSummary): CaseEntry {
  return readCachedCase(cacheDir, summary);
}
