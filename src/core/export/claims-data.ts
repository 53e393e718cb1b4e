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

/** What `/claims.json` needs of a case before reading it whole: its id and review date (the order). */
export type ClaimsCase = Pick<CaseEntry, 'id' | 'reviewed'>;

const PLACEHOLDER = '\u0000claims\u0000';

/**
 * `/claims.json` as text, exactly `JSON.stringify(claimsData(…), null, 2)` plus a newline, reading one whole case
 * at a time (`wholeCase`): at 4,000 cases the export is ~135 MB, and holding every whole case at once to build it
 * was most of the build's peak memory.
 */
export function claimsDataText<S extends ClaimsCase>(summaries: readonly S[], wholeCase: (summary: S) => CaseEntry, context: ExportContext): string {
  const cases = [...summaries].sort((a, b) => b.reviewed.localeCompare(a.reviewed) || a.id.localeCompare(b.id));
  const parts: string[] = [];
  for (const summary of cases) {
    const entry = wholeCase(summary);
    for (const claim of entry.claims) {
      const item = { case: { id: entry.id, title: entry.title, lang: entry.lang, reviewed: entry.reviewed, url: context.urls.case(entry.id), data: context.urls.caseData(entry.id) }, ...claimData(entry, claim, context) };
      // Each claim at the depth it has in the whole document (two levels: the object, then `claims`).
      parts.push(`    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`);
    }
  }
  const head = { format: OPEN_DATA_FORMAT, site: context.urls.home, updated: cases[0]?.reviewed ?? null, claims: parts.length ? [PLACEHOLDER] : [] };
  return `${JSON.stringify(head, null, 2).replace(`    ${JSON.stringify(PLACEHOLDER)}`, () => parts.join(',\n'))}\n`;
}
