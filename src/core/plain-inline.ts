import type { Link, PhrasingContent, Strong, Text } from 'mdast';
import type { Position } from 'unist';
import { classifyCharacter } from 'micromark-util-classify-character';

/** Places in a text by offsets into it (plain-markdown.ts: each reader knows the line and offset its text starts at). */
export type Place = (from: number, to: number) => Position;

/**
 * Where inline markdown may start: `*` and `[` are read below, the others give up: `![`, and a colon before anything
 * but a space, a slash or the end (a text directive's name starts with any character but a space or punctuation:
 * `10:30` holds the directive `:30`).
 */
const INLINE = /[*[\\`<&_\]]|!\[|:(?![ \n/]|$)/g;
/** Text with nothing inline in it at all, on one line: the inside of `**…**` or of a link's brackets. */
const PLAIN = /^(?:[^\\`<&_\][*\n:!]|:(?=[ /]|$)|!(?!\[))+$/;
/** A link destination read as written: no space, bracket, quote or character that an escape or reference could change. */
const DESTINATION = /^[^\s()<>\\&"'`[\]]+$/;

/**
 * The inline nodes of text made of these segments (the lines of a paragraph, each without its `> `), joined by line
 * endings as micromark joins them; undefined when it holds more than text, `**strong**` and `[text](destination)`.
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
    if (found[0] === '*') {
      // `**` opening only (a word after it; a space, punctuation or nothing before it), closed by the next `**`.
      const close = value.indexOf('**', i + 2);
      if (value.charCodeAt(i + 1) !== 42 || close < 0 || !opensOnly(value, i) || !closesOnly(value, close) || !PLAIN.test(value.slice(i + 2, close))) return undefined;
      if (textFrom < i) nodes.push(textNode(textFrom, i));
      nodes.push({ type: 'strong', children: [textNode(i + 2, close)], position: at(i, close + 2) } satisfies Strong);
      end = close + 2;
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

/** What micromark calls the character at `index` for emphasis: 1 whitespace (or none), 2 punctuation, undefined a word's. */
const kind = (value: string, index: number) => classifyCharacter(index < 0 || index >= value.length ? null : value.charCodeAt(index));

/** Whether the `**` at `i` can open and can close strong emphasis, by micromark's rules for `*` (attention.js). */
function flanks(value: string, i: number): { open: boolean; close: boolean } {
  const before = kind(value, i - 1);
  const after = kind(value, i + 2);
  return { open: !after || (after === 2 && Boolean(before)), close: !before || (before === 2 && Boolean(after)) };
}

/** A run of exactly two stars at `i` that can open strong emphasis and cannot close it. */
function opensOnly(value: string, i: number): boolean {
  const { open, close } = flanks(value, i);
  return value[i - 1] !== '*' && value[i + 2] !== '*' && open && !close;
}

/** A run of exactly two stars at `i` that can close strong emphasis and cannot open it. */
function closesOnly(value: string, i: number): boolean {
  const { open, close } = flanks(value, i);
  return value[i + 2] !== '*' && close && !open;
}

