/** Where a passage sits in its document's full text, in Unicode code points (as W3C Web Annotation selectors count). */
export interface PassagePosition {
  /** Code-point offset of the first character (0-based). */
  start: number;
  /** Code-point offset just after the last character. */
  end: number;
  exact: string;
  /** Up to 32 code points before and after, for TextQuoteSelector. */
  prefix: string;
  suffix: string;
}

const CONTEXT = 32;

/** UTF-16 offset of a 1-based line and column (columns counted in UTF-16 units, as the anchoring core reports them). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset + column - 1;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Does `text` hold any surrogate (a character outside the BMP)? Remembered for the last text: one case asks about one document many times. */
let lastText: string | undefined;
let lastHasSurrogates = false;
function hasSurrogates(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastHasSurrogates = SURROGATE.test(text);
  }
  return lastHasSurrogates;
}

/** Code points in `text.slice(from, to)`, as `[...text.slice(from, to)].length` counts them (a lone surrogate is one). */
function codePointsIn(text: string, from: number, to: number): number {
  let count = to - from;
  for (let i = from + 1; i < to; i++) if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) count--;
  return count;
}

/** Start of the last `n` code points of `text.slice(0, to)`. */
function backCodePoints(text: string, to: number, n: number): number {
  let pos = to;
  for (let k = 0; k < n && pos > 0; k++) pos -= pos >= 2 && isLow(text.charCodeAt(pos - 1)) && isHigh(text.charCodeAt(pos - 2)) ? 2 : 1;
  return pos;
}

/** End of the first `n` code points of `text.slice(from)`. */
function forwardCodePoints(text: string, from: number, n: number): number {
  let pos = from;
  for (let k = 0; k < n && pos < text.length; k++) pos += pos + 1 < text.length && isHigh(text.charCodeAt(pos)) && isLow(text.charCodeAt(pos + 1)) ? 2 : 1;
  return pos;
}

/**
 * Finds `passage` (as the source writes it) at `place` in `text`; falls back to the nearest
 * occurrence when the column counts differently. Returns undefined when the text does not hold it.
 * Counts code points without copying the text (an archive has thousands of passages per build).
 */
export function passagePosition(text: string, place: { line: number; column: number }, passage: string): PassagePosition | undefined {
  let at = offsetOf(text, place.line, place.column);
  if (at < 0 || text.slice(at, at + passage.length) !== passage) {
    const lineStart = offsetOf(text, place.line, 1);
    const found = text.indexOf(passage, Math.max(0, lineStart));
    if (found < 0) return undefined;
    at = found;
  }
  const end = at + passage.length;
  const surrogates = hasSurrogates(text);
  const start = surrogates ? codePointsIn(text, 0, at) : at;
  return {
    start,
    end: start + (surrogates ? codePointsIn(text, at, end) : passage.length),
    exact: passage,
    prefix: text.slice(backCodePoints(text, at, CONTEXT), at),
    suffix: text.slice(end, forwardCodePoints(text, end, CONTEXT)),
  };
}
