import type { CaseEntry } from '../../schemas/case-entry.ts';
import { exampleClaimPlace, scaffoldFields, type ScaffoldField } from '../example-claim.ts';
import type { Point } from '../problems.ts';

/** A passage of a source that a case relies on now: a claim's quote (and, once evidence lands, its evidence passages). */
export interface CurrentPassage {
  /** Claim id (evidence passages would be `<claim>/<n>`). */
  key: string;
  passage: string;
  /** Where the passage starts in the source. */
  place: { line: number; column: number };
  /** Where the claim is written in the case file, for messages. */
  claimPlace: { line: number; column: number };
}

/** The passages of a built case, grouped by source document, with the document's fingerprint as read by the build. */
export function passagesByDocument(entry: CaseEntry): Map<string, { sha256: string; passages: CurrentPassage[] }> {
  const byDocument = new Map<string, { sha256: string; passages: CurrentPassage[] }>();
  for (const source of entry.sources) {
    const passages: CurrentPassage[] = [];
    for (const c of entry.claims) {
      if (c.quote.doc === source.id) passages.push({ key: c.id, passage: c.quote.source, place: c.quote.place, claimPlace: c.place });
      c.evidence.forEach((e, i) => {
        if (e.passage.doc === source.id) passages.push({ key: `${c.id}/${i + 1}`, passage: e.passage.source, place: e.passage.place, claimPlace: c.place });
      });
    }
    const known = byDocument.get(source.document);
    if (known) known.passages.push(...passages);
    else byDocument.set(source.document, { sha256: source.sha256, passages });
  }
  return byDocument;
}

/**
 * What the provenance checks read of a built case: its passages by document and where the example claim of
 * `tahqiq new` is, if left in. Small beside the whole entry: the content loader keeps this (in the verified-case
 * cache) for cases it did not verify again, instead of reading every whole case back.
 */
export interface ProvenanceFacts {
  passages: [document: string, { sha256: string; passages: CurrentPassage[] }][];
  exampleClaim?: Point | undefined;
  /** Frontmatter fields still holding the placeholder text of `tahqiq new`. */
  scaffoldFields?: ScaffoldField[] | undefined;
}

export function provenanceFacts(entry: CaseEntry): ProvenanceFacts {
  const place = exampleClaimPlace(entry);
  const fields = scaffoldFields(entry);
  return { passages: [...passagesByDocument(entry)], ...(place ? { exampleClaim: place } : {}), ...(fields.length ? { scaffoldFields: fields } : {}) };
}
