import { findAll, normalizeForMatching, normalizeQuote, toOriginalRange, type NormalizedText } from './normalize.ts';
import { pointAt, type SourceDocument } from './source-document.ts';
import { excerpt } from './problems.ts';

/** Where a quote was found in its source. */
export interface Anchor {
  /** Offsets into the source text; `text.slice(start, end)` is the passage as the source writes it. */
  start: number;
  end: number;
  /** `exact` when the quote matched byte for byte, `normalized` when only after folding. */
  match: 'exact' | 'normalized';
  /** Ids of the sentences the passage touches, in order. */
  sentenceIds: string[];
}

export type AnchorFailure =
  | { kind: 'tooShort' }
  | { kind: 'notFound'; message: string }
  | { kind: 'partialWord'; place: { line: number; column: number }; passage: string }
  | { kind: 'ambiguous'; count: number; places: { line: number; column: number }[] }
  | { kind: 'occurrenceOutOfRange'; count: number; occurrence: number }
  | { kind: 'crossesParagraph'; line: number };

export type AnchorResult = { ok: true; anchor: Anchor; unnecessaryOccurrence: boolean } | { ok: false; failure: AnchorFailure };

/** Folded source text, computed once per document and reused for every quote. */
const foldedCache = new WeakMap<SourceDocument, NormalizedText>();

function folded(doc: SourceDocument): NormalizedText {
  let n = foldedCache.get(doc);
  if (!n) {
    n = normalizeForMatching(doc.text);
    foldedCache.set(doc, n);
  }
  return n;
}

/** The end of a text, where a mismatch starts: `…last words`. */
function tail(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `…${flat.slice(flat.length - max + 1)}` : flat;
}

/** Character bigrams, for "did you mean" suggestions. */
function bigrams(text: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) set.add(text.slice(i, i + 2));
  return set;
}

/**
 * Where the quote's longest matching start (`q` up to `lo`) is most likely the passage meant: of its occurrences (the
 * first 50), the one followed by most of the rest of the quote. A start that recurs (`the bridge number`) would
 * otherwise always point at its first occurrence, whatever follows the typo.
 */
function likeliestStart(text: string, q: string, lo: number): number {
  const prefix = q.slice(0, lo);
  const rest = bigrams(q.slice(lo));
  let best = text.indexOf(prefix);
  if (rest.size === 0) return best;
  let bestScore = -1;
  for (let at = best, seen = 0; at >= 0 && seen < 50; at = text.indexOf(prefix, at + 1), seen++) {
    const after = bigrams(text.slice(at + lo, at + lo + (q.length - lo) + 8));
    let score = 0;
    for (const b of rest) if (after.has(b)) score++;
    if (score > bestScore) {
      bestScore = score;
      best = at;
    }
  }
  return best;
}

/** Explains a quote that is not in the source: where it stops matching, or the closest sentence. */
function explainNotFound(doc: SourceDocument, quote: string, folded: NormalizedText): string {
  const q = normalizeQuote(quote);
  // "…" or «…» typed around the words: the page sets a quote in quotation marks itself.
  const inner = q.length > 2 && q.startsWith('"') && q.endsWith('"') ? q.slice(1, -1).trim() : '';
  if (inner && folded.text.includes(inner)) {
    return `Quote not found in \`${doc.path}\` with the quotation marks around it: the source has these words without them, expected the words alone (the page sets a quote in quotation marks itself)`;
  }
  // Longest prefix of the quote that the source has (if a prefix occurs, so do all shorter ones).
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (folded.text.includes(q.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const words = q.split(' ').length;
  const at = lo > 0 ? likeliestStart(folded.text, q, lo) : -1;
  const matched = at < 0 ? undefined : toOriginalRange(folded, at, at + lo);
  /** Where the quote stops matching: the source's next words and the quote's. */
  const divergence = (from: { start: number; end: number }) => {
    const place = pointAt(doc, from.start);
    const sourceNext = doc.text.slice(from.end, from.end + 20).split('\n')[0] ?? '';
    // Where the quote as typed diverges: map the folded prefix length back through the quote's own offset map.
    const typed = normalizeForMatching(quote);
    const lead = typed.text.length - typed.text.trimStart().length;
    const quoteNext = quote.slice(typed.starts[lead + lo] ?? quote.length);
    return `Quote not found in \`${doc.path}\`: it matches up to \`${tail(doc.text.slice(from.start, from.end), 40)}\` at line ${place.line}, then the source has ${shownNext(sourceNext)} where the quote has ${shownNext(quoteNext)}`;
  };
  if (matched && lo >= Math.max(8, q.length * 0.4)) return divergence(matched);
  const wanted = bigrams(q);
  let best: { score: number; sentence: SourceDocument['sentences'][number] } | undefined;
  for (const sentence of doc.sentences) {
    const have = bigrams(normalizeQuote(sentence.text));
    let shared = 0;
    for (const b of wanted) if (have.has(b)) shared++;
    const score = shared / Math.max(1, wanted.size);
    if (!best || score > best.score) best = { score, sentence };
  }
  if (!best || best.score < 0.3) return `Quote of ${words} words not found in \`${doc.path}\`, nor anything close to it`;
  // A shorter matching start that lies in the closest sentence is where a long quote goes wrong: a "did you mean" would
  // show the sentence's first words only, cut before the difference.
  if (matched && lo >= 8 && matched.start >= best.sentence.start && matched.start < best.sentence.end) return divergence(matched);
  const line = pointAt(doc, best.sentence.start).line;
  return `Quote not found in \`${doc.path}\`; did you mean \`${excerpt(best.sentence.text, 70)}\` at line ${line}?`;
}

/**
 * The text after the point where a quote stops matching, as a message shows it: a space there is named, since an
 * excerpt trims it and `، كان` would then read the same as ` ، كان`.
 */
function shownNext(text: string): string {
  if (!text.trim()) return 'nothing more';
  return /^\s/u.test(text) ? `a space, then \`${excerpt(text.trimStart(), 20)}\`` : `\`${excerpt(text, 20)}\``;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Arabic prefixes written joined to the next word (and, so, with, for, like, the…): a quote may leave them out. */
const ARABIC_PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ال', 'لل', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'وب', 'ول', 'وك', 'وس', 'فب', 'فل', 'فك', 'فس']);

function charAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function charBefore(text: string, index: number): string {
  return /[\s\S]$/u.exec(text.slice(Math.max(0, index - 2), index))?.[0] ?? '';
}

/** Widens a range over combining marks that follow it (a tanween belongs to its letter). */
function withTrailingMarks(text: string, range: { start: number; end: number }): { start: number; end: number } {
  let end = range.end;
  while (end < text.length && /\p{M}/u.test(charAt(text, end))) end++;
  return { start: range.start, end };
}

/**
 * Does the range start and end on word boundaries? A quote must not begin or end
 * inside a word («قتل رجل» is not in «مقتل رجل»), except that it may leave out an
 * Arabic prefix joined to its first word («قال نصر» in «وقال نصر»).
 */
function onWordBoundaries(text: string, range: { start: number; end: number }): boolean {
  if (WORD_CHAR.test(charAt(text, range.end)) && WORD_CHAR.test(charBefore(text, range.end))) return false;
  if (!WORD_CHAR.test(charBefore(text, range.start)) || !WORD_CHAR.test(charAt(text, range.start))) return true;
  const prefix = (/[\p{L}\p{M}]+$/u.exec(text.slice(0, range.start))?.[0] ?? '').replace(/\p{M}/gu, '');
  return /[\u0600-\u06FF]/u.test(charAt(text, range.start)) && ARABIC_PROCLITICS.has(prefix);
}

/**
 * Finds a quote in its source: exactly first, then after folding (see normalize.ts).
 * Matches must be whole words. `occurrence` (1-based) picks one of several matches.
 */
export function anchorQuote(doc: SourceDocument, quote: string, occurrence?: number): AnchorResult {
  const q = normalizeQuote(quote);
  // Words are runs with a letter or digit in them; punctuation alone does not count.
  if (q.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length < 2) return { ok: false, failure: { kind: 'tooShort' } };

  const trimmed = quote.trim();
  const exact = findAll(doc.text, trimmed).map((start) => withTrailingMarks(doc.text, { start, end: start + trimmed.length }));
  let ranges = exact.filter((r) => onWordBoundaries(doc.text, r));
  let match: Anchor['match'] = 'exact';
  let inWords = exact;
  if (ranges.length === 0) {
    const n = folded(doc);
    const loose = findAll(n.text, q).map((at) => withTrailingMarks(doc.text, toOriginalRange(n, at, at + q.length)));
    ranges = loose.filter((r) => onWordBoundaries(doc.text, r));
    match = 'normalized';
    if (inWords.length === 0) inWords = loose;
  }
  if (ranges.length === 0 && inWords[0]) {
    const first = inWords[0];
    const wordStart = first.start - (/[\p{L}\p{N}\p{M}]+$/u.exec(doc.text.slice(0, first.start))?.[0].length ?? 0);
    const wordEnd = first.end + (/^[\p{L}\p{N}\p{M}]+/u.exec(doc.text.slice(first.end))?.[0].length ?? 0);
    return { ok: false, failure: { kind: 'partialWord', place: pointAt(doc, first.start), passage: doc.text.slice(wordStart, wordEnd) } };
  }
  if (ranges.length === 0) return { ok: false, failure: { kind: 'notFound', message: explainNotFound(doc, quote, folded(doc)) } };
  if (occurrence === undefined && ranges.length > 1) {
    return { ok: false, failure: { kind: 'ambiguous', count: ranges.length, places: ranges.map((r) => pointAt(doc, r.start)) } };
  }
  const index = (occurrence ?? 1) - 1;
  const range = ranges[index];
  if (!range) return { ok: false, failure: { kind: 'occurrenceOutOfRange', count: ranges.length, occurrence: index + 1 } };

  const block = doc.blocks.findIndex((b) => range.start >= b.start && range.start < b.end);
  const container = doc.blocks[block];
  if (!container || range.end > container.end) {
    return { ok: false, failure: { kind: 'crossesParagraph', line: pointAt(doc, container?.end ?? range.start).line } };
  }
  const sentenceIds = doc.sentences.filter((s) => s.start < range.end && s.end > range.start).map((s) => s.id);
  return {
    ok: true,
    anchor: { start: range.start, end: range.end, match, sentenceIds },
    unnecessaryOccurrence: occurrence !== undefined && ranges.length === 1,
  };
}
