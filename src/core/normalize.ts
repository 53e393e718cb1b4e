/**
 * Normalisation for matching only: what a journalist types and what the source
 * says are compared after folding away differences that do not change meaning
 * (diacritics, tatweel, alef forms, quote marks, spacing…). The original text is
 * never changed; every normalised character remembers the range of original
 * code units it came from, so a match maps back to exact source offsets.
 */

export interface NormalizedText {
  /** The folded text. */
  text: string;
  /** For each UTF-16 unit of `text`, the original start offset. */
  starts: number[];
  /** For each UTF-16 unit of `text`, the original end offset (exclusive). */
  ends: number[];
}

const DROPPED = /[\p{M}\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/u;
const QUOTES = /["'“”„‟«»‹›‘’‚‛`´]/u;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]/u;

const LETTER_MAP: Record<string, string> = {
  'ٱ': 'ا', // alef wasla
  'ى': 'ي', // alef maksura
  'ة': 'ه', // teh marbuta
  'ک': 'ك', // Persian keheh
  'ی': 'ي', // Farsi yeh
  '،': ',',
  '؛': ';',
  '؟': '?',
  '٪': '%',
};

/** Folds one code point; returns '' to drop it. */
function foldCodePoint(ch: string): string {
  if (/\s/u.test(ch)) return ' ';
  if (QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  // NFD splits أ إ آ ؤ ئ into a base letter and a hamza/madda mark, which DROPPED removes.
  let out = '';
  for (const part of ch.normalize('NFD')) {
    if (DROPPED.test(part)) continue;
    out += LETTER_MAP[part] ?? part.toLowerCase();
  }
  return out;
}

/**
 * Folds of the Basic Multilingual Plane, filled on first use: each code point is
 * folded once per process by foldCodePoint, then looked up (the rules above stay
 * the single definition; this only remembers their answers).
 */
const BMP_FOLDS: (string | undefined)[] = new Array(0x10000);

function foldBmp(code: number): string {
  let folded = BMP_FOLDS[code];
  if (folded === undefined) {
    folded = foldCodePoint(String.fromCharCode(code));
    BMP_FOLDS[code] = folded;
  }
  return folded;
}

/** Folds `original` for matching and keeps the offset map. */
export function normalizeForMatching(original: string): NormalizedText {
  const map = { starts: [] as number[], ends: [] as number[] };
  return { text: fold(original, map), ...map };
}

/** Folds a quote typed by a journalist: same folding, outer spaces trimmed (no offset map: nothing maps it back). */
export function normalizeQuote(quote: string): string {
  return fold(quote).trim();
}

/**
 * The folding itself: each code point folded (foldBmp, foldCodePoint), dropped marks and runs of spaces merged into
 * the character before them. With `map`, records for each UTF-16 unit of the folded text the original range it came
 * from.
 */
function fold(original: string, map?: { starts: number[]; ends: number[] }): string {
  let out = '';
  let length = 0;
  let lastIsSpace = false;
  const n = original.length;
  for (let offset = 0; offset < n;) {
    const start = offset;
    const code = original.charCodeAt(offset);
    let folded: string;
    // A surrogate pair is one code point (an emoji…); a lone surrogate stays one unit, as `for…of` gives it. A
    // character of the Basic Multilingual Plane is looked up by its code, without making a string of it.
    const low = code >= 0xd800 && code <= 0xdbff && offset + 1 < n ? original.charCodeAt(offset + 1) : 0;
    if (low >= 0xdc00 && low <= 0xdfff) {
      folded = foldCodePoint(original.slice(offset, offset + 2));
      offset += 2;
    } else {
      folded = foldBmp(code);
      offset += 1;
    }
    if (folded === '' || (folded === ' ' && (length === 0 || lastIsSpace))) {
      // Dropped marks and extra spaces belong to the character before them.
      if (map && length > 0) map.ends[length - 1] = offset;
      continue;
    }
    out += folded;
    // One map entry per UTF-16 unit of the folded text (an emoji is two units).
    if (map) {
      for (let k = 0; k < folded.length; k++) {
        map.starts.push(start);
        map.ends.push(offset);
      }
    }
    length += folded.length;
    lastIsSpace = folded[folded.length - 1] === ' ';
  }
  return out;
}

/** Maps a range of normalised text back to the original offsets. */
export function toOriginalRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const from = n.starts[start];
  const to = n.ends[end - 1];
  if (from === undefined || to === undefined || end <= start) throw new RangeError(`no original range for folded ${start}..${end}`);
  return { start: from, end: to };
}

/** All start indexes of `needle` in `haystack`, overlapping ones included. */
export function findAll(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  let from = haystack.indexOf(needle);
  while (from !== -1) {
    found.push(from);
    from = haystack.indexOf(needle, from + 1);
  }
  return found;
}
