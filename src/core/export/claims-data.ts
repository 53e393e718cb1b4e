import type { CaseEntry } from '../../schemas/case-entry.ts';
import { newestFirst } from '../case-list-pages.ts';
import { pieceLength, type OutputPiece } from '../output-pieces.ts';
import { claimData, OPEN_DATA_FORMAT, type ExportContext } from './case-data.ts';

/** `/claims.json`: every claim of every case, newest review first, each with its case. Dated by the newest review (deterministic). */
export function claimsData(entries: readonly CaseEntry[], context: ExportContext) {
  const cases = newestFirst(entries);
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
 * One case's claims as they stand in `/claims.json`: each claim pretty-printed at its depth in the whole document
 * (two levels: the object, then `claims`), joined by `,\n`; '' for a case without claims. A case's part depends
 * only on the case and the context, so it can be kept from one build to the next (derivedFile in case-cache.ts).
 */
export function caseClaimsText(entry: CaseEntry, context: ExportContext): string {
  const parts: string[] = [];
  for (const claim of entry.claims) {
    const item = { case: { id: entry.id, title: entry.title, lang: entry.lang, reviewed: entry.reviewed, url: context.urls.case(entry.id), data: context.urls.caseData(entry.id) }, ...claimData(entry, claim, context) };
    parts.push(`    ${JSON.stringify(item, null, 2).replaceAll('\n', '\n    ')}`);
  }
  return parts.join(',\n');
}

/**
 * `/claims.json` in pieces, one case's part at a time (`caseClaims`: caseClaimsText of the whole case, as text, as
 * UTF-8 bytes, or as the file that keeps them from an earlier build): joined, exactly
 * `JSON.stringify(claimsData(…), null, 2)` plus a newline. At 4,000 cases the export is ~135 MB; no piece holds more
 * than one case.
 */
export function* claimsDataChunks<S extends ClaimsCase, P extends OutputPiece>(summaries: readonly S[], caseClaims: (summary: S) => P, context: Pick<ExportContext, 'urls'>): Generator<string | P> {
  const cases = newestFirst(summaries);
  const head = (claims: string[]) => JSON.stringify({ format: OPEN_DATA_FORMAT, site: context.urls.home, updated: cases[0]?.reviewed ?? null, claims }, null, 2);
  const [before, after] = head([PLACEHOLDER]).split(`    ${JSON.stringify(PLACEHOLDER)}`) as [string, string];
  let first = true;
  for (const summary of cases) {
    const part = caseClaims(summary);
    if (pieceLength(part) === 0) continue;
    yield first ? before : ',\n';
    yield part;
    first = false;
  }
  yield first ? `${head([])}\n` : `${after}\n`;
}
