import type { Emphasis, Link, PhrasingContent, Strong, Text } from 'mdast';
import type { Position } from 'unist';
import { classifyCharacter } from 'micromark-util-classify-character';

/** Characters the plain readers never read: tabs, carriage returns and other controls, a byte order mark. */
export const UNREADABLE = /[\u0000-\u0009\u000B-\u001F\u007F\uFEFF]/;

/** Places in a text by offsets into it (each reader knows the line and offset its text starts at). */
export type Place = (from: number, to: number) => Position;

/**
 * Where inline markdown may start: `*`, `_` and `[` are read below; the others give up: `` ` ``, `\`, `<`, `&`, `]`,
 * `![`, and a colon before anything but a space, a slash or the end (a text directive's name starts with any character
 * but a space or punctuation: `10:30` holds the directive `:30`).
 */
const INLINE = /[*[\\`<&_\]]|!\[|:(?![ \n/]|$)/g;
/** Text with nothing inline in it at all, on one line: the inside of `*…*`, `**…**` or of a link's brackets. */
const PLAIN = /^(?:[^\\`<&_\][*\n:!]|:(?=[ /]|$)|!(?!\[))+$/;
/** A link destination read as written: no space, bracket, quote, or character an escape or reference could change. */
const DESTINATION = /^[^\s()<>\\&"'`[\]]+$/;

/**
 * The inline nodes of text made of these segments (the lines of a paragraph, each without its `> `), joined by line
 * endings as micromark joins them; undefined when it holds more than text, `*emphasis*`, `**strong**` (or with `_`)
 * and `[text](destination)`, each around plain text.
 */
export function plainPhrasing(text: string, segments: readonly [number, number][], place: Place): PhrasingContent[] | undefined {
  const value = segments.length === 1 ? text.slice(segments[0]![0], segments[0]![1]) : segments.map(([from, to]) => text.slice(from, to)).join('\n');
  // Where each segment starts in `value`, to take a place in `value` back to `text`.
  const valueStarts: number[] = [];
  for (let k = 0, at = 0; k < segments.length; at += segments[k]![1] - segments[k]![0] + 1, k++) valueStarts.push(at);
  const back = (at: number, end: boolean): number => {
    // The last segment starting at or before `at` (a binary search: a paragraph may have many lines).
    let k = 0;
    for (let hi = valueStarts.length - 1; k < hi; ) {
      const mid = (k + hi + 1) >> 1;
      if (valueStarts[mid]! <= at) k = mid;
      else hi = mid - 1;
    }
    // Text ending with a line's ending ends where the next line starts, before its `> `.
    if (end && k > 0 && at === valueStarts[k]) return segments[k - 1]![1] + 1;
    return segments[k]![0] + at - valueStarts[k]!;
  };
  const at = (from: number, to: number) => place(back(from, false), back(to, true));
  const textNode = (from: number, to: number): Text => ({ type: 'text', value: value.slice(from, to), position: at(from, to) });
  const nodes: PhrasingContent[] = [];
  let textFrom = 0;
  INLINE.lastIndex = 0;
  for (let found = INLINE.exec(value); found; found = INLINE.exec(value)) {
    const i = found.index;
    let end: number;
    if (found[0] === '*' || found[0] === '_') {
      // `*em*`, `**strong**` (or with `_`): a run of one or two that can only open (a word after it; a space,
      // punctuation or nothing before it), closed by the next run of the same, which can only close.
      const marker = found[0];
      const length = value[i + 1] === marker ? 2 : 1;
      const close = value.indexOf(marker.repeat(length), i + length);
      if (close < 0 || !opensOnly(value, i, length) || !closesOnly(value, close, length) || !PLAIN.test(value.slice(i + length, close))) return undefined;
      if (textFrom < i) nodes.push(textNode(textFrom, i));
      const children = [textNode(i + length, close)];
      nodes.push(length === 2 ? ({ type: 'strong', children, position: at(i, close + 2) } satisfies Strong) : ({ type: 'emphasis', children, position: at(i, close + 1) } satisfies Emphasis));
      end = close + length;
    } else if (found[0] === '[') {
      const labelEnd = value.indexOf('](', i + 1);
      const close = labelEnd < 0 ? -1 : value.indexOf(')', labelEnd + 2);
      if (close < 0 || !PLAIN.test(value.slice(i + 1, labelEnd)) || !DESTINATION.test(value.slice(labelEnd + 2, close))) return undefined;
      if (textFrom < i) nodes.push(textNode(textFrom, i));
      nodes.push({ type: 'link', title: null, url: value.slice(labelEnd + 2, close), children: [textNode(i + 1, labelEnd)], position: at(i, close + 1) } satisfies Link);
      end = close + 1;
    } else return undefined;
    INLINE.lastIndex = textFrom = end;
  }
  if (textFrom < value.length) nodes.push(textNode(textFrom, value.length));
  return nodes;
}

/** What micromark calls the character at `index` for emphasis: 1 whitespace (or none), 2 punctuation, else a word's. */
const kind = (value: string, index: number) => classifyCharacter(index < 0 || index >= value.length ? null : value.charCodeAt(index));

/** Whether the run of `length` markers at `i` can open and can close emphasis, by micromark's rules (attention.js). */
function flanks(value: string, i: number, length: number): { open: boolean; close: boolean } {
  const before = kind(value, i - 1);
  const after = kind(value, i + length);
  // For `_`, micromark also asks `before || !close` to open and `after || !open` to close: true when only one holds.
  return { open: !after || (after === 2 && Boolean(before)), close: !before || (before === 2 && Boolean(after)) };
}

/** A run of exactly `length` markers at `i` that can open emphasis and cannot close it. */
function opensOnly(value: string, i: number, length: number): boolean {
  const { open, close } = flanks(value, i, length);
  return value[i - 1] !== value[i] && value[i + length] !== value[i] && open && !close;
}

/** A run of exactly `length` markers at `i` that can close emphasis and cannot open it. */
function closesOnly(value: string, i: number, length: number): boolean {
  const { open, close } = flanks(value, i, length);
  return value[i + length] !== value[i] && close && !open;
}
