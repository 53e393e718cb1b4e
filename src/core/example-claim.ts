import type { CaseEntry } from '../schemas/case-entry.ts';
import type { Point, ProblemList } from './problems.ts';

/** The id `tahqiq new` gives the example claim it writes. */
export const EXAMPLE_CLAIM_ID = 'example';

/** The draft summary and the placeholder publisher `tahqiq new` writes, by language, for the journalist to replace. */
export const SCAFFOLD_TEXT = {
  ar: { summary: 'مسودة: خلاصة الملف في فقرة واحدة.', publisher: 'الناشر (يُستبدل)' },
  en: { summary: 'Draft: the conclusion of the case in one paragraph.', publisher: 'Publisher (replace)' },
} as const;

/** A frontmatter field still holding what `tahqiq new` wrote: `summary`, or `publisher` (of any source). */
export type ScaffoldField = 'summary' | 'publisher';

const placeholders = (field: ScaffoldField) => new Set<string>(Object.values(SCAFFOLD_TEXT).map((t) => t[field]));
const SUMMARIES = placeholders('summary');
const PUBLISHERS = placeholders('publisher');

/** The fields of a case that still hold the scaffold's placeholder text. */
export function scaffoldFields(entry: Pick<CaseEntry, 'summary' | 'sources'>): ScaffoldField[] {
  return [...(SUMMARIES.has(entry.summary) ? ['summary' as const] : []), ...(entry.sources.some((s) => PUBLISHERS.has(s.publisher)) ? ['publisher' as const] : [])];
}

/**
 * Warns (TQ606) at each frontmatter line that still holds the scaffold's placeholder (`markdown` is the case file):
 * the draft summary or placeholder publisher would be published as written, on the case page, the index and the feed.
 */
export function reportScaffoldText(file: string, fields: readonly ScaffoldField[], markdown: string, problems: ProblemList): void {
  const lines = markdown.split('\n');
  const wanted = fields.flatMap((field) => [...(field === 'summary' ? SUMMARIES : PUBLISHERS)].map((text) => ({ field, text })));
  lines.forEach((line, i) => {
    for (const { field, text } of wanted) {
      const at = line.indexOf(text);
      if (at >= 0 && new RegExp(`^\\s*(?:-\\s+)?${field}:`).test(line)) {
        problems.add('exampleClaim', file, { line: i + 1, column: at + 1 }, `${field === 'summary' ? 'Draft summary' : 'Placeholder publisher'} \`${text}\` written by \`tahqiq new\` is still in the case; it would be published as written`);
      }
    }
  });
}

/** Where the example claim written by `tahqiq new` is in a case, if it is still there. */
export function exampleClaimPlace(entry: Pick<CaseEntry, 'claims'>): Point | undefined {
  return entry.claims.find((c) => c.id === EXAMPLE_CLAIM_ID)?.place;
}

/** Warns (TQ606) when the example claim written by `tahqiq new` is still in a case (at `place`, see exampleClaimPlace). */
export function reportExampleClaim(file: string, place: Point | undefined, problems: ProblemList): void {
  if (place) {
    problems.add('exampleClaim', file, place,
      `Example claim \`#${EXAMPLE_CLAIM_ID}\` written by \`tahqiq new\` is still in the case; it would be published as written`);
  }
}

/** Warns (TQ606) when the example claim written by `tahqiq new` is still in a case. */
export function reportExampleClaims(entry: CaseEntry, problems: ProblemList): void {
  reportExampleClaim(entry.file, exampleClaimPlace(entry), problems);
}
