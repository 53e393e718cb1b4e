import path from 'node:path';
import { emptyTally } from '../schemas/status.ts';
import type { CaseEntry, ClaimEntry, EvidenceEntry, SourceEntry, SourceNoteEntry } from '../schemas/case-entry.ts';
import { anchorQuote, type Anchor } from './anchor.ts';
import { resolveDocument, type CaseDocument } from './case-documents.ts';
import { directionOf } from './direction.ts';
import { interpretCase } from './interpret-case.ts';
import { quoteLookup, verdictOf, type WrittenVerdict } from './read-claim.ts';
import { evidenceLookup } from './read-evidence.ts';
import { checkMethod, type MethodClaim } from './method-check.ts';
import { methodFor } from './read-method.ts';
import type { ProblemList } from './problems.ts';
import { prefixedSentenceId, renderSource, type IdPrefixes, type PlacedPassage } from './render-source.ts';
import { reportAnchorFailure, type PassageLookup } from './report-anchor-failure.ts';
import { pointAt, readSourceDocument, type SourceDocument, type SourceFailure } from './source-document.ts';
import { publicFilesFor, type SiteImage } from './site-images.ts';
import { siteBase } from './site-base.ts';
import { sourceFailureMessage } from './source-failure.ts';

/** Source documents read once per run, shared by the cases that quote them. */
export type SourceCache = Map<string, Promise<SourceDocument | SourceFailure>>;

const CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A case document, read. */
interface ReadDocument {
  spec: CaseDocument;
  doc: SourceDocument;
  lang: string;
  prefixes: IdPrefixes;
  sectionId: string;
  passages: PlacedPassage[];
}

/**
 * Builds one case: reads the case file's markdown and its source documents, anchors
 * every quote, evidence passage and note, checks the method, and returns the publishable
 * entry. Problems go to `problems`; the entry is undefined when any error makes the case unpublishable.
 */
export async function buildCase(options: {
  root: string;
  file: string;
  markdown: string;
  problems: ProblemList;
  sources?: SourceCache;
  /** What the cases of one run share, so the method is read once per run (default `sources`). */
  run?: object;
  /** Receives the images the case shows from the site itself (checked here; a kept case's record lists them). */
  images?: SiteImage[];
}): Promise<CaseEntry | undefined> {
  const { root, file, markdown, problems } = options;
  const sources: SourceCache = options.sources ?? new Map();
  const errorsBefore = problems.errors.length;
  const id = path.basename(file, path.extname(file));
  if (!CASE_ID.test(id)) problems.add('caseFileName', file, { line: 1, column: 1 }, `Unexpected case file name \`${path.basename(file)}\`, expected lowercase ASCII words joined by \`-\``);

  const base = siteBase(root, options.run ?? sources);
  const written = interpretCase(markdown, file, problems, base);
  if (!written) return undefined;
  options.images?.push(...written.images);
  // An image with no file under `public/` keeps the case off the site (every caller: build, dev, `check <file>`).
  publicFilesFor(root, options.run ?? sources).report(file, written.images, problems);
  const { frontmatter } = written;
  const method = methodFor(root, options.run ?? sources, problems);

  const read = new Map<string, ReadDocument>();
  let unreadable = false;
  for (const [index, spec] of written.documents.entries()) {
    const lang = spec.lang ?? written.lang;
    const key = `${spec.document}\u0000${lang}`;
    if (!sources.has(key)) sources.set(key, readSourceDocument(root, spec.document, lang, problems));
    const doc = await sources.get(key)!;
    if (typeof doc === 'string') {
      // Reported at every case that points at the document, each at its own `document:` line.
      problems.add(doc, file, spec.documentPlace, sourceFailureMessage(root, spec.document, doc));
      unreadable = true;
      continue;
    }
    // The first document keeps the page's historical ids (`source`, `s-…`, `L12`); the others are prefixed by their id.
    const sectionId = index === 0 ? 'source' : `source-${spec.id}`;
    const prefixes: IdPrefixes = index === 0 ? { sentence: 's-', line: 'L' } : { sentence: `s-${spec.id}-`, line: `${sectionId}-L` };
    read.set(spec.id, { spec, doc, lang, prefixes, sectionId, passages: [] });
  }
  if (unreadable) return undefined;
  if (written.claimBlocks === 0) problems.add('noClaims', file, written.frontmatterPlace, 'Case has no `:::claim` blocks; its table will be empty');

  /** Anchors one passage in its document, reporting every failure at the case file. */
  const lookUp = (what: PassageLookup): { source: ReadDocument; anchor: Anchor; passage: EvidenceEntry['passage'] } | undefined => {
    const spec = resolveDocument(written.documents, what.doc, file, what.docPlace, problems);
    const source = spec && read.get(spec.id);
    if (!source) return undefined;
    const result = anchorQuote(source.doc, what.text, what.occurrence);
    if (!result.ok) {
      reportAnchorFailure(result.failure, file, what.place, what.occurrencePlace, what.text, problems, what.noun);
      return undefined;
    }
    if (result.unnecessaryOccurrence) {
      problems.add('unnecessaryOccurrence', file, what.occurrencePlace, `Unnecessary \`occurrence=${what.occurrence}\`: the ${what.noun.toLowerCase()} is found only once`);
    }
    const { anchor } = result;
    return {
      source,
      anchor,
      passage: {
        doc: source.spec.id,
        typed: what.text.trim(),
        source: source.doc.text.slice(anchor.start, anchor.end),
        match: anchor.match,
        place: pointAt(source.doc, anchor.start),
        sentenceIds: anchor.sentenceIds.map((s) => prefixedSentenceId(s, source.prefixes)),
      },
    };
  };

  const claims: ClaimEntry[] = [];
  const defaultDoc = written.documents[0]?.id ?? '';
  const publisherOf = (doc: string) => written.documents.find((d) => d.id === doc)?.publisher ?? '';
  /**
   * What the method reads of a claim: each passage's source as written (its `by=`, else its document's publisher),
   * checked whether or not the passages are found; for a published claim, also what its evidence says.
   */
  const methodClaim = ({ id, status, missing, statusPlace, evidence }: WrittenVerdict): MethodClaim => ({
    id, status, ...(missing ? { missing } : {}), statusPlace,
    evidence: evidence.map((e) => ({ relation: e.relation, attribution: e.by ?? publisherOf(e.doc ?? defaultDoc), doc: e.doc ?? defaultDoc })),
  });
  const methodClaims: MethodClaim[] = written.uncheckedVerdicts.map(methodClaim);
  const tally = emptyTally();
  for (const claim of written.claims) {
    const asWritten = methodClaim(verdictOf(claim));
    methodClaims.push(asWritten);
    const quote = lookUp(quoteLookup(claim));
    const number = claims.length + 1;
    const claimId = claim.attributes.id;
    const evidence: EvidenceEntry[] = [];
    const placed: [ReadDocument, PlacedPassage][] = [];
    let broken = !quote;
    for (const [i, written] of claim.evidence.entries()) {
      const found = lookUp(evidenceLookup(written));
      if (!found) {
        broken = true;
        continue;
      }
      const itemId = `${claimId}--e${evidence.length + 1}`;
      const item: EvidenceEntry = { id: itemId, relation: written.relation, attribution: asWritten.evidence[i]!.attribution, passage: found.passage, anchor: `quote-${itemId}` };
      if (written.by) item.by = written.by;
      evidence.push(item);
      placed.push([found.source, { id: item.anchor, kind: 'evidence', back: itemId, number, status: claim.attributes.status, relation: written.relation, start: found.anchor.start, end: found.anchor.end }]);
    }
    if (broken || !quote) continue;
    const entry: ClaimEntry = {
      id: claimId,
      number,
      status: claim.attributes.status,
      labelHtml: claim.labelHtml,
      labelText: claim.labelText,
      claimant: claim.attributes.claimant,
      ...(claim.attributes['claimant-type'] ? { claimantType: claim.attributes['claimant-type'] } : {}),
      reasoningHtml: claim.reasoningHtml,
      quote: quote.passage,
      evidence,
      place: claim.place,
    };
    if (claim.attributes.missing) entry.missing = claim.attributes.missing;
    claims.push(entry);
    tally[entry.status]++;
    quote.source.passages.push({ id: `quote-${claimId}`, kind: 'quote', back: claimId, number, status: entry.status, start: quote.anchor.start, end: quote.anchor.end });
    for (const [source, passage] of placed) source.passages.push(passage);
  }

  const sourceNotes: SourceNoteEntry[] = [];
  for (const note of written.sourceNotes) {
    const found = lookUp({ noun: 'Note passage', text: note.passage, doc: note.doc, docPlace: note.docPlace, occurrence: note.occurrence, place: note.passagePlace, occurrencePlace: note.occurrencePlace });
    if (!found) continue;
    const number = sourceNotes.length + 1;
    const noteId = `note-${number}`;
    sourceNotes.push({ number, id: noteId, passage: found.passage, bodyHtml: note.bodyHtml });
    found.source.passages.push({ id: `${noteId}-text`, kind: 'note', back: noteId, number, start: found.anchor.start, end: found.anchor.end });
  }

  // Claims that failed a check of form are not published; their passages are looked up for their problems alone.
  for (const passage of written.uncheckedPassages) lookUp(passage);
  // Sources are counted by publisher and `record`: with one of them invalid (reported already), the count would mislead.
  const rules = await method;
  if (written.methodCheckable) checkMethod(rules, methodClaims, written.documents, file, problems);
  if (problems.errors.length > errorsBefore || !frontmatter) return undefined;

  const sourceEntries: SourceEntry[] = [...read.values()].map(({ spec, doc, lang, prefixes, sectionId, passages }) => {
    const entry: SourceEntry = {
      id: spec.id,
      sectionId,
      document: spec.document,
      publisher: spec.publisher,
      lang,
      dir: directionOf(lang),
      record: spec.record,
      sha256: doc.sha256,
      bytes: doc.bytes,
      sentenceCount: doc.sentences.length,
      passages: passages.map(({ start: _start, end: _end, ...passage }) => passage),
      blocks: renderSource(doc, passages, prefixes),
    };
    if (spec.url) entry.url = spec.url;
    if (spec.published) entry.published = spec.published;
    return entry;
  });
  const { passages: _passages, blocks: _blocks, ...first } = sourceEntries[0]!;
  const entry: CaseEntry = {
    id,
    file,
    title: frontmatter.title,
    lang: frontmatter.lang,
    dir: directionOf(frontmatter.lang),
    summary: frontmatter.summary,
    reviewed: frontmatter.reviewed,
    notesHtml: written.notesHtml,
    source: first,
    sources: sourceEntries,
    sourceNotes,
    claims,
    tally,
  };
  if (frontmatter.reviewers) entry.reviewers = frontmatter.reviewers;
  if (frontmatter.revisions) entry.revisions = frontmatter.revisions;
  if (frontmatter.translations) entry.translations = frontmatter.translations.map((t, i) => ({ id: t, place: written.translationPlaces[i]! }));
  return entry;
}
