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

/**
 * Finds `passage` (as the source writes it) at `place` in `text`; falls back to the nearest
 * occurrence when the column counts differently. Returns undefined when the text does not hold it.
 */
export function passagePosition(text: string, place: { line: number; column: number }, passage: string): PassagePosition | undefined {
  let at = offsetOf(text, place.line, place.column);
  if (at < 0 || text.slice(at, at + passage.length) !== passage) {
    const lineStart = offsetOf(text, place.line, 1);
    const found = text.indexOf(passage, Math.max(0, lineStart));
    if (found < 0) return undefined;
    at = found;
  }
  const before = [...text.slice(0, at)];
  const exact = [...passage];
  const after = [...text.slice(at + passage.length)];
  return {
    start: before.length,
    end: before.length + exact.length,
    exact: passage,
    prefix: before.slice(-CONTEXT).join(''),
    suffix: after.slice(0, CONTEXT).join(''),
  };
}
