import type { CaseEntry } from './schemas/case-entry.ts';
import type { Status } from './schemas/status.ts';
import { urls } from './exports.ts';

/** What a case page tells search engines and link previews (Base.astro props): canonical address, share card, type, search indexing. */
export function caseMeta(entry: CaseEntry, only: Status | undefined) {
  return {
    type: 'article' as const,
    // A per-status view shows the same case: its canonical address is the case page, and search indexes the case page only.
    canonical: urls.case(entry.id),
    searchable: only === undefined,
    image: { url: urls.shareCard(entry.id), alt: entry.title },
  };
}
