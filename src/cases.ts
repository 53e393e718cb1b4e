/**
 * The Astro layer's view of the cases: the content store holds a summary of each case
 * (src/schemas/case-summary.ts), and the whole verified case is read from the verified-case
 * cache (src/core/case-cache.ts) by the pages that render it.
 */
import { getCollection } from 'astro:content';
import { caseCacheDir, derivedFile, readCachedCase } from './core/case-cache.ts';
import { freshCaseKey } from './core/dev-fresh-cases.ts';
import type { FilePiece } from './core/output-pieces.ts';
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
  const current = newest(summary);
  // A build writes a case's JSON and its annotations one after the other (direct-outputs.ts): the case is read once for both.
  if (last?.id !== current.id || last.key !== current.key || last.history !== current.history) last = { ...current, entry: readCachedCase(cacheDir, current) };
  return last.entry;
}
let last: (Pick<CaseSummary, 'id' | 'key' | 'history'> & { entry: CaseEntry }) | undefined;

/**
 * A case's part of an export (`kind`: what it is and what else it depends on), kept beside the verified case and
 * made by `make` only when the case or that context changed since it was last made.
 */
export function casePart(summary: CaseSummary, kind: string, make: (entry: CaseEntry) => string): FilePiece {
  const current = newest(summary);
  return derivedFile(cacheDir, current, kind, () => make(readCachedCase(cacheDir, current)));
}

/** The summary with the key of the newest verified version (in `astro dev`, a case re-verified after an edit). */
function newest(summary: CaseSummary): CaseSummary {
  const fresh = import.meta.env.DEV ? freshCaseKey(summary.id) : undefined;
  if (!fresh || fresh === summary.key) return summary;
  // The sizes the store's summary recorded are those of the files under its own key.
  const { sizes: _sizes, ...rest } = summary;
  return { ...rest, key: fresh };
}
