import type { CaseEntry, ClaimEntry } from '../../schemas/case-entry.ts';
import type { Status } from '../../schemas/status.ts';
import { withPublicReasons } from '../provenance/public-reasons.ts';
import { documentOf, documentsOf, evidenceOf, type PassageView } from './documents.ts';
import { passagePosition } from './passage-position.ts';
import type { SiteUrls } from './site-urls.ts';
import { textFragmentUrl } from './text-fragment.ts';

/** Version of the open-data formats (docs/case.schema.json, docs/claims.schema.json). */
export const OPEN_DATA_FORMAT = 'tahqiq-open-data/1';

export interface ExportContext {
  urls: SiteUrls;
  statusLabel: (status: Status, lang: string) => string;
  /** The verbatim text of a source document (its path from the project root). */
  readSource: (document: string) => string;
}

/** A passage as published: the words, where they are (line/column and code-point offsets), the sentences, a live deep link. */
function passageData(entry: CaseEntry, passage: PassageView, context: ExportContext) {
  const doc = documentOf(entry, passage);
  const position = passagePosition(context.readSource(doc.document), passage.place, passage.source);
  const live = doc.url ? textFragmentUrl(doc.url, passage.source) : undefined;
  return {
    doc: doc.id,
    typed: passage.typed,
    source: passage.source,
    match: passage.match,
    line: passage.place.line,
    column: passage.place.column,
    ...(position ? { start: position.start, end: position.end } : {}),
    sentenceIds: passage.sentenceIds,
    ...(live ? { liveUrl: live } : {}),
  };
}

/** One claim as open data. */
export function claimData(entry: CaseEntry, claim: ClaimEntry, context: ExportContext) {
  const evidence = evidenceOf(claim);
  return {
    id: claim.id,
    number: claim.number,
    url: context.urls.claim(entry.id, claim.id),
    status: claim.status,
    statusLabel: context.statusLabel(claim.status, entry.lang),
    statement: claim.labelText,
    claimant: claim.claimant,
    claimantType: claim.claimantType ?? 'person',
    ...(claim.missing ? { missing: claim.missing } : {}),
    reasoningHtml: claim.reasoningHtml,
    quote: passageData(entry, claim.quote, context),
    ...(evidence.length > 0
      ? { evidence: evidence.map((e) => ({ id: e.id, relation: e.relation, ...(e.by ? { by: e.by } : {}), attribution: e.attribution, passage: passageData(entry, e.passage, context) })) }
      : {}),
  };
}

/** `/cases/<id>.json`: the case's metadata, its source documents with checksums, and every claim. */
export function caseData(entry: CaseEntry, context: ExportContext) {
  return {
    format: OPEN_DATA_FORMAT,
    id: entry.id,
    url: context.urls.case(entry.id),
    title: entry.title,
    lang: entry.lang,
    dir: entry.dir,
    summary: entry.summary,
    reviewed: entry.reviewed,
    ...(entry.reviewers ? { reviewers: entry.reviewers } : {}),
    annotations: context.urls.annotations(entry.id),
    sources: documentsOf(entry).map((d) => ({
      id: d.id,
      document: d.document,
      text: context.urls.sourceText(entry.id, d.id),
      publisher: d.publisher,
      ...(d.url ? { url: d.url } : {}),
      ...(d.published ? { published: d.published } : {}),
      lang: d.lang,
      ...(d.record !== undefined ? { record: d.record } : {}),
      sha256: d.sha256,
      bytes: d.bytes,
      sentenceCount: d.sentenceCount,
    })),
    tally: entry.tally,
    claims: entry.claims.map((claim) => claimData(entry, claim, context)),
    // Verdict history from git (workflow: src/core/provenance/read-history.ts); absent outside git.
    // With the reasons the case file gives readers for past revisions (frontmatter `revisions`).
    ...(entry.history ? { history: withPublicReasons(entry.history, entry.revisions) } : {}),
  };
}

export type CaseData = ReturnType<typeof caseData>;
