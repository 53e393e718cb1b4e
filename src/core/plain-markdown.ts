import type { Blockquote, Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import type { Point } from 'unist';
import { linePlace, readDirectiveOpening } from './plain-directive.ts';
import { plainPhrasing, UNREADABLE, type Place } from './plain-inline.ts';

/**
 * A reader for the plain markdown most of a case file holds, giving the very nodes micromark gives (positions,
 * directive attribute places and written attributes included), about ten times faster; it gives up (undefined) on
 * anything else, and the caller parses that text with micromark. What it reads, each block after a blank line (leaf
 * directives also straight after one another):
 * - paragraphs and `> ` blockquotes of plain lines (no indentation, no trailing space, no tab or control character);
 * - headings written `## text`, and lists of `- ` items of one line each, not separated by blank lines;
 * - leaf directives written on one line: `::name[label]{#id name=value name="value" name}` (plain-directive.ts);
 * - inline: text, `*emphasis*`, `**strong**` (or with `_`) and `[text](destination)` around plain text
 *   (plain-inline.ts).
 * Anything that could mean more (a star inside a word, `` ` ``, `\`, `&`, `<`, a stray bracket, `![`, a text directive
 * `:name`, a line starting another kind of list, a fence or an HTML block…) gives up.
 * tests/plain-markdown.test.ts holds it to micromark.
 * `first` is where the text stands in its file.
 */
export function parsePlainMarkdown(text: string, first: { line: number; offset: number }): RootContent[] | undefined {
  if (UNREADABLE.test(text)) return undefined;
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) starts.push(at);
  const point = (offset: number): Point => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: first.line + lo, column: offset - starts[lo]! + 1, offset: first.offset + offset };
  };
  const place: Place = (from, to) => ({ start: point(from), end: point(to) });
  const nodes: RootContent[] = [];
  let after: 'blank' | 'directive' | 'other' = 'blank';
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (line === '') {
      after = 'blank';
      i++;
      continue;
    }
    if (line.startsWith('::')) {
      const directive = after === 'other' ? undefined : leafDirective(line, linePlace(first.line + i, first.offset + starts[i]!));
      if (!directive) return undefined;
      nodes.push(directive);
      after = 'directive';
      i++;
      continue;
    }
    if (after !== 'blank') return undefined;
    after = 'other';
    const heading = HEADING.exec(line);
    if (heading) {
      const from = starts[i]! + heading[0].length;
      const children = ENDS_HEADING.test(line) ? undefined : plainPhrasing(text, [[from, starts[i]! + line.length]], place);
      if (!children) return undefined;
      nodes.push({ type: 'heading', depth: heading[0].length - 1 as Heading['depth'], children, position: place(starts[i]!, starts[i]! + line.length) } satisfies Heading);
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end] !== '') end++;
    if (line.startsWith('- ')) {
      const list = tightList(lines, starts, i, end, text, place);
      if (!list) return undefined;
      nodes.push(list);
      i = end;
      continue;
    }
    const quoted = line.startsWith('>');
    // Each line's text (after `> ` in a blockquote), as [from, to) in `text`.
    const segments: [number, number][] = [];
    for (let k = i; k < end; k++) {
      const prefix = quoted ? 2 : 0;
      if (quoted && !lines[k]!.startsWith('> ')) return undefined;
      if (!startsPlainLine(lines[k]!.slice(prefix))) return undefined;
      segments.push([starts[k]! + prefix, starts[k]! + lines[k]!.length]);
    }
    const children = plainPhrasing(text, segments, place);
    if (!children) return undefined;
    const paragraph: Paragraph = { type: 'paragraph', children, position: place(segments[0]![0], segments.at(-1)![1]) };
    nodes.push(quoted ? ({ type: 'blockquote', children: [paragraph], position: place(starts[i]!, segments.at(-1)![1]) } satisfies Blockquote) : paragraph);
    i = end;
  }
  return nodes;
}

/**
 * First characters that may open something other than a paragraph, or continue one in another way: `*` or `_` before a
 * space, or twice before a space or a third (a list item, a thematic break); `*word` and `**word` cannot.
 */
const BLOCK_START = /^(?:[ #>\-+=`~<|:]|\d+[.)]|([*_])(?:\s|$|\1(?:\s|$|\1)))/;
/** An ATX heading's opening sequence, with the one space after it; its text must start straight after. */
const HEADING = /^#{1,6} (?=[^ ])/;
/** What a heading's line must not end with: a space, or what may be a closing sequence. */
const ENDS_HEADING = /[ #]$/;

/** Whether a line (inside a blockquote: after its `> `) can be a paragraph's line and nothing else. */
function startsPlainLine(line: string): boolean {
  return line !== '' && !BLOCK_START.test(line) && !line.endsWith(' ');
}

/** A leaf directive written on one line, with its label's inline nodes and its attributes' places. */
function leafDirective(line: string, place: Place): LeafDirective | undefined {
  const opening = readDirectiveOpening(line, 2, place);
  if (!opening) return undefined;
  return { type: 'leafDirective', name: opening.name, attributes: opening.attributes, children: opening.label?.children ?? [], position: place(0, line.length), data: opening.data as LeafDirective['data'] };
}

/**
 * A list of `- ` items, lines [from, to) of `lines`, each item one line of plain text, as micromark reads it (tight:
 * `spread` false); undefined when another `-` line follows after blank lines (it would join the list, spread).
 */
function tightList(lines: readonly string[], starts: readonly number[], from: number, to: number, text: string, place: Place): List | undefined {
  let resume = to;
  while (resume < lines.length && lines[resume] === '') resume++;
  if (lines[resume]?.startsWith('-')) return undefined;
  const items: ListItem[] = [];
  for (let k = from; k < to; k++) {
    const line = lines[k]!;
    if (!line.startsWith('- ') || !startsPlainLine(line.slice(2))) return undefined;
    const children = plainPhrasing(text, [[starts[k]! + 2, starts[k]! + line.length]], place);
    if (!children) return undefined;
    const paragraph: Paragraph = { type: 'paragraph', children, position: place(starts[k]! + 2, starts[k]! + line.length) };
    items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: place(starts[k]!, starts[k]! + line.length) });
  }
  return { type: 'list', ordered: false, start: null, spread: false, children: items, position: place(starts[from]!, starts[to - 1]! + lines[to - 1]!.length) };
}
