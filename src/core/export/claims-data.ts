import type { CaseEntry } from '../../schemas/case-entry.ts';
import { claimData, OPEN_DATA_FORMAT, type ExportContext } from './case-data.ts';

/** `/claims.json`: every claim of every case, newest review first, each with its case. Dated by the newest review (deterministic). */
export function claimsData(entries: readonly CaseEntry[], context: ExportContext) {
  const cases = [...entries].sort((a, b) => b.reviewed.localeCompare(a.reviewed) || a.id.localeCompare(b.id));
  return {
    format: OPEN_DATA_FORMAT,
    site: context.urls.home,
    updated: cases[0]?.reviewed ?? null,
    claims: cases.flatMap((entry) =>
      entry.claims.map((claim) => ({
        case: { id: entry.id, title: entry.title, lang: entry.lang, reviewed: entry.reviewed, url: context.urls.case(entry.id), data: context.urls.caseData(entry.id) },
        ...claimData(entry, claim, context),
      })),
    ),
  };
}
