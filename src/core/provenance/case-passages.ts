import type { CaseEntry } from '../../schemas/case-entry.ts';

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
  byDocument.set(entry.source.document, {
    sha256: entry.source.sha256,
    passages: entry.claims.map((c) => ({ key: c.id, passage: c.quote.source, place: c.quote.place, claimPlace: c.place })),
  });
  return byDocument;
}
