import type { CaseEntry, ClaimEntry } from '../../schemas/case-entry.ts';

/**
 * Structural views of a case's documents, quotes and evidence that the exporters need. They accept the
 * single-source entry (`source`) and the multi-document one (`sources`, `quote.doc`, `evidence`) alike,
 * so exports gain fields when the entry does, without a second code path.
 */
export interface DocumentView {
  /** Document id (`doc=`); `source` for a single `source:`. */
  id: string;
  document: string;
  publisher: string;
  url?: string | undefined;
  published?: string | undefined;
  lang: string;
  record?: boolean | undefined;
  sha256: string;
  bytes: number;
  sentenceCount: number;
}

export interface PassageView {
  doc?: string | undefined;
  typed: string;
  source: string;
  match: 'exact' | 'normalized';
  place: { line: number; column: number };
  sentenceIds: string[];
}

export interface EvidenceView {
  id: string;
  relation: string;
  by?: string | undefined;
  attribution: string;
  passage: PassageView;
}

/** Every source document of the case, in order. */
export function documentsOf(entry: CaseEntry): DocumentView[] {
  const sources = (entry as CaseEntry & { sources?: DocumentView[] }).sources;
  return sources && sources.length > 0 ? sources : [{ ...entry.source, id: 'source' }];
}

/** The document a passage comes from (its `doc`, else the first). */
export function documentOf(entry: CaseEntry, passage: PassageView): DocumentView {
  const docs = documentsOf(entry);
  return docs.find((d) => d.id === passage.doc) ?? docs[0]!;
}

/** The claim's evidence passages, when the entry has them. */
export function evidenceOf(claim: ClaimEntry): EvidenceView[] {
  return (claim as ClaimEntry & { evidence?: EvidenceView[] }).evidence ?? [];
}
