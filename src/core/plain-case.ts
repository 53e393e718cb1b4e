import type { Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { linePlace, readDirectiveOpening } from './plain-directive.ts';
import { parsePlainMarkdown, UNREADABLE } from './plain-markdown.ts';

/** A top-level `:::` block of a case file, by its fences' line indexes (0-based): parse-case-markdown.ts finds them. */
export interface FencedBlock {
  open: number;
  close: number;
}

/**
 * A whole case file read without micromark, when all of it is plain (plain-markdown.ts): YAML frontmatter between
 * `---` lines, then plain markdown, and `:::name[label]{…}` blocks of plain markdown closed by `:::` alone on its line.
 * Gives the tree `caseParser.parse` gives, or undefined (the caller parses the file with micromark). `lines` are the
 * file's lines, `starts` the offset each starts at, `blocks` its top-level blocks as a line scan found them.
 */
export function parsePlainCase(markdown: string, lines: readonly string[], starts: readonly number[], blocks: readonly FencedBlock[]): Root | undefined {
  if (UNREADABLE.test(markdown)) return undefined;
  const children: RootContent[] = [];
  let next = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close < 0 || (blocks[0] && close > blocks[0].open) || lines.slice(1, close).some((line) => line.startsWith('---'))) return undefined;
    const position = { start: { line: 1, column: 1, offset: 0 }, end: linePlace(close + 1, starts[close]!)(0, 3).end };
    children.push({ type: 'yaml', value: lines.slice(1, close).join('\n'), position });
    next = close + 1;
  }
  for (const { open, close } of blocks) {
    // Text straight before a fence could run into it (a lazy line, a paragraph it interrupts): a blank line first.
    if (open > next && lines[open - 1] !== '') return undefined;
    if (!readLines(next, open, children) || lines[close] !== ':::') return undefined;
    const fence = readDirectiveOpening(lines[open]!, 3, linePlace(open + 1, starts[open]!));
    const inside = close > open + 1 ? parsePlainMarkdown(markdown.slice(starts[open + 1], starts[close]! - 1), { line: open + 2, offset: starts[open + 1]! }) : [];
    if (!fence || !inside) return undefined;
    const label: Paragraph[] = fence.label ? [{ type: 'paragraph', data: { directiveLabel: true }, children: fence.label.children, position: fence.label.position } as Paragraph] : [];
    const closing = linePlace(close + 1, starts[close]!);
    children.push({
      type: 'containerDirective',
      name: fence.name,
      attributes: fence.attributes,
      children: [...label, ...inside] as ContainerDirective['children'],
      position: { start: { line: open + 1, column: 1, offset: starts[open]! }, end: closing(0, 3).end },
      data: { ...fence.data, position: { ...fence.data.position, closing: closing(0, 3) } } as ContainerDirective['data'],
    } satisfies ContainerDirective);
    next = close + 1;
  }
  if (!readLines(next, lines.length, children)) return undefined;
  const last = lines.length - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last + 1, column: lines[last]!.length + 1, offset: markdown.length } } };

  /** Reads lines [from, to) as plain markdown into `into`; false when they are not plain. */
  function readLines(from: number, to: number, into: RootContent[]): boolean {
    if (to <= from) return true;
    const nodes = parsePlainMarkdown(lines.slice(from, to).join('\n'), { line: from + 1, offset: starts[from]! });
    if (nodes) into.push(...nodes);
    return nodes !== undefined;
  }
}
