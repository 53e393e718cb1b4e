/**
 * The Astro layer's view of the cases: the content store holds a summary of each case
 * (src/schemas/case-summary.ts), and the whole verified case is read from the verified-case
 * cache (src/core/case-cache.ts) by the pages that render it.
 */
import { getCollection } from 'astro:content';
import { caseCacheDir, readCachedCase } from './core/case-cache.ts';
import { freshCaseKey } from './core/dev-fresh-cases.ts';
import type { CaseEntry } from './schemas/case-entry.ts';
import type { CaseSummary } from './schemas/case-summary.ts';

const cacheDir = caseCacheDir(process.cwd());

/** Every published case's summary, in id order. */
export async function caseSummaries(): Promise<CaseSummary[]> {
  return (await getCollection('cases')).map((c) => c.data as CaseSummary);
}

/**
 * The whole verified case of a summary (source texts, segments, claims, evidence, notes). In `astro dev`,
 * the newest version: a case re-verified after an edit is shown before the store's new summary arrives.
 */
export function wholeCase(summary: CaseSummary): CaseEntry {
  const fresh = import.meta.env.DEV ? freshCaseKey(summary.id) : undefined;
  return readCachedCase(cacheDir, fresh ? { ...summary, key: fresh } : summary);
}
