import path from 'node:path';
import { emptyTally } from '../schemas/status.ts';
import type { CaseEntry, ClaimEntry } from '../schemas/case-entry.ts';
import { anchorQuote, type AnchorFailure } from './anchor.ts';
import { directionOf } from './direction.ts';
import { interpretCase } from './interpret-case.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { renderSource, nestHighlights, type Highlight } from './render-source.ts';
import { pointAt, readSourceDocument, type SourceDocument, type SourceFailure } from './source-document.ts';

/** Source documents read once per run, shared by the cases that quote them. */
export type SourceCache = Map<string, Promise<SourceDocument | SourceFailure>>;

const CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function reportAnchorFailure(failure: AnchorFailure, file: string, place: Point, occurrencePlace: Point, quote: string, problems: ProblemList): void {
  const shown = `\`${excerpt(quote, 40)}\``;
  switch (failure.kind) {
    case 'tooShort':
      problems.add('quoteTooShort', file, place, `Unexpected quote ${shown}: too short to verify, expected at least two words`);
      break;
    case 'notFound':
      problems.add('quoteNotFound', file, place, failure.message);
      break;
    case 'partialWord':
      problems.add('quoteNotFound', file, place,
        `Quote ${shown} is found only inside longer words, e.g. \`${excerpt(failure.passage, 50)}\` at line ${failure.place.line}; expected whole words`);
      break;
    case 'ambiguous':
      problems.add('quoteAmbiguous', file, place,
        `Quote ${shown} found ${failure.count} times in the source (at ${failure.places.map((p) => `${p.line}:${p.column}`).join(', ')}), expected exactly once`);
      break;
    case 'occurrenceOutOfRange':
      problems.add('occurrenceOutOfRange', file, occurrencePlace,
        `Unexpected \`occurrence=${failure.occurrence}\`: quote ${shown} is found ${failure.count} time${failure.count === 1 ? '' : 's'}`);
      break;
    case 'crossesParagraph':
      problems.add('quoteCrossesParagraph', file, place, `Quote ${shown} runs past the end of the paragraph at source line ${failure.line}`);
      break;
  }
}

/**
 * Builds one case: reads the case file's markdown, its source document, anchors
 * every quote, and returns the publishable entry. Problems go to `problems`;
 * the entry is undefined when any error makes the case unpublishable.
 */
export async function buildCase(options: {
  root: string;
  file: string;
  markdown: string;
  problems: ProblemList;
  sources?: SourceCache;
}): Promise<CaseEntry | undefined> {
  const { root, file, markdown, problems } = options;
  const sources: SourceCache = options.sources ?? new Map();
  const errorsBefore = problems.errors.length;
  const id = path.basename(file, path.extname(file));
  if (!CASE_ID.test(id)) problems.add('caseFileName', file, { line: 1, column: 1 }, `Unexpected case file name \`${path.basename(file)}\`, expected lowercase ASCII words joined by \`-\``);

  const written = interpretCase(markdown, file, problems);
  if (!written) return undefined;
  const { frontmatter } = written;
  const sourceLang = frontmatter.source.lang ?? frontmatter.lang;
  const key = `${frontmatter.source.document}\u0000${sourceLang}`;
  if (!sources.has(key)) sources.set(key, readSourceDocument(root, frontmatter.source.document, sourceLang, problems));
  const doc = await sources.get(key)!;
  if (typeof doc === 'string') {
    // Reported at every case that points at the document, each at its own `document:` line.
    const what = { sourceNotFound: 'not found', sourceEncoding: 'is not valid UTF-8', sourceOutsideSeeds: 'is outside `seeds/`', sourceControls: 'holds control characters' }[doc];
    problems.add(doc, file, written.documentPlace, `Source document \`${frontmatter.source.document}\` ${what}`);
    return undefined;
  }
  if (written.claimBlocks === 0) problems.add('noClaims', file, written.frontmatterPlace, 'Case has no `:::claim` blocks; its table will be empty');

  const claims: ClaimEntry[] = [];
  const highlights: (Highlight & { place: Point })[] = [];
  const tally = emptyTally();
  for (const claim of written.claims) {
    const result = anchorQuote(doc, claim.quote, claim.attributes.occurrence);
    if (!result.ok) {
      reportAnchorFailure(result.failure, file, claim.quotePlace, claim.occurrencePlace, claim.quote, problems);
      continue;
    }
    if (result.unnecessaryOccurrence) {
      problems.add('unnecessaryOccurrence', file, claim.occurrencePlace, `Unnecessary \`occurrence=${claim.attributes.occurrence}\`: the quote is found only once`);
    }
    const { anchor } = result;
    const number = claims.length + 1;
    const entry: ClaimEntry = {
      id: claim.attributes.id,
      number,
      status: claim.attributes.status,
      labelHtml: claim.labelHtml,
      labelText: claim.labelText,
      claimant: claim.attributes.claimant,
      reasoningHtml: claim.reasoningHtml,
      quote: {
        typed: claim.quote.trim(),
        source: doc.text.slice(anchor.start, anchor.end),
        match: anchor.match,
        place: pointAt(doc, anchor.start),
        sentenceIds: anchor.sentenceIds,
      },
      place: claim.place,
    };
    if (claim.attributes.missing) entry.missing = claim.attributes.missing;
    claims.push(entry);
    tally[entry.status]++;
    highlights.push({ claim: entry.id, number, status: entry.status, start: anchor.start, end: anchor.end, place: claim.quotePlace });
  }
  const { roots, crossing } = nestHighlights(highlights);
  for (const [a, b] of crossing) {
    const at = highlights.find((h) => h.claim === b.claim)!.place;
    const first = highlights.find((h) => h.claim === a.claim)!.place;
    problems.add('quotesOverlap', file, at, `Quote of \`#${b.claim}\` overlaps the quote of \`#${a.claim}\` partly, expected equal, nested or separate passages`,
      { file, place: first, message: `quote of \`#${a.claim}\`` });
  }
  if (problems.errors.length > errorsBefore) return undefined;

  const entry: CaseEntry = {
    id,
    file,
    title: frontmatter.title,
    lang: frontmatter.lang,
    dir: directionOf(frontmatter.lang),
    summary: frontmatter.summary,
    reviewed: frontmatter.reviewed,
    notesHtml: written.notesHtml,
    source: {
      document: frontmatter.source.document,
      publisher: frontmatter.source.publisher,
      lang: sourceLang,
      dir: directionOf(sourceLang),
      sha256: doc.sha256,
      bytes: doc.bytes,
      sentenceCount: doc.sentences.length,
      blocks: renderSource(doc, roots),
    },
    claims,
    tally,
  };
  if (frontmatter.reviewers) entry.reviewers = frontmatter.reviewers;
  if (frontmatter.source.url) entry.source.url = frontmatter.source.url;
  if (frontmatter.source.published) entry.source.published = frontmatter.source.published;
  return entry;
}
