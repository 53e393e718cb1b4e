import { hash } from 'node:crypto';
import { normalizeQuote } from './normalize.ts';

/** A sentence of a source document, by offsets into the whole document text. */
export interface Sentence {
  /** Stable id, `s-` + a hash of the sentence's own words: editing one paragraph leaves other ids alone. */
  id: string;
  start: number;
  end: number;
  text: string;
}

/** Abbreviations that end in a dot without ending the sentence, per primary language. */
const ABBREVIATIONS: Record<string, RegExp> = {
  // Arabic has no letter case, so ICU splits after "د." (doctor), "م." (engineer / AD), "أ." (professor)…
  // A lone Arabic letter before a dot is an abbreviation or an initial (ا. ف. ب.).
  ar: /(?:^|[\s(«"“])(?:[\u0621-\u064A]|ق\.م|ص\.ب)\.$/u,
  en: /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Rev|vs|etc|No|Fig|[A-Z](?:\.[A-Z])*)\.$/u,
};

const OPENERS = ['“', '«', '‘'];
const CLOSERS: Record<string, string> = { '“': '”', '«': '»', '‘': '’' };

/** Quote marks left open at the end of `text`: a count of straight `"` and a stack of curly ones. */
function openQuotes(text: string): { straight: boolean; curly: string[] } {
  let straight = false;
  const curly: string[] = [];
  for (const ch of text) {
    if (ch === '"') straight = !straight;
    else if (OPENERS.includes(ch)) curly.push(ch);
    else if (curly.length && CLOSERS[curly[curly.length - 1]!] === ch) curly.pop();
  }
  return { straight, curly };
}

/** Does `next` close a quotation that `current` left open? */
function closesOpenQuote(current: string, next: string): boolean {
  const open = openQuotes(current);
  if (open.straight && next.includes('"')) return true;
  const last = open.curly[open.curly.length - 1];
  return last !== undefined && next.includes(CLOSERS[last]!);
}

function endsWithAbbreviation(text: string, lang: string): boolean {
  const rule = ABBREVIATIONS[lang.split('-')[0]!.toLowerCase()];
  return rule !== undefined && rule.test(text.trimEnd());
}

/** Starts with closing punctuation that belongs to the sentence before (e.g. a stray `”.`). */
function startsWithCloser(text: string): boolean {
  return /^[”»’"')\].,;:!?؟،؛]+(\s|$)/u.test(text);
}

/**
 * Splits one paragraph into sentences: ICU's sentence rules for `lang`, then
 * repairs where they fail on news text: abbreviations, quotations that hold a
 * sentence break, and stray closing marks.
 */
const segmenters = new Map<string, Intl.Segmenter>();

export function splitParagraph(text: string, lang: string): { start: number; end: number }[] {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, segmenter);
  }
  const pieces: { start: number; text: string }[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const prev = pieces[pieces.length - 1];
    if (prev && (endsWithAbbreviation(prev.text, lang) || closesOpenQuote(prev.text, segment) || startsWithCloser(segment))) {
      prev.text += segment;
    } else {
      pieces.push({ start: index, text: segment });
    }
  }
  const ranges: { start: number; end: number }[] = [];
  for (const piece of pieces) {
    const lead = piece.text.length - piece.text.trimStart().length;
    const body = piece.text.trim();
    if (!body) continue;
    ranges.push({ start: piece.start + lead, end: piece.start + lead + body.length });
  }
  return ranges;
}

/** A short, stable hash of a sentence's words (folded, so a typo fix in diacritics keeps the id). */
export function sentenceHash(text: string): string {
  return hash('sha256', normalizeQuote(text), 'hex').slice(0, 7);
}

/** Gives sentences ids from their words; repeats of the same sentence get `-2`, `-3`… in document order. */
export function assignSentenceIds(ranges: { start: number; end: number }[], documentText: string): Sentence[] {
  const seen = new Map<string, number>();
  return ranges.map(({ start, end }) => {
    const text = documentText.slice(start, end);
    const hash = sentenceHash(text);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    return { id: count === 1 ? `s-${hash}` : `s-${hash}-${count}`, start, end, text };
  });
}
