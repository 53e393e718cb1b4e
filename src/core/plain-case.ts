import type { Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { linePlace, readDirectiveOpening } from './plain-directive.ts';
import { UNREADABLE } from './plain-inline.ts';
import { parsePlainMarkdown } from './plain-markdown.ts';

/** A top-level `:::` block of a case file, by its fences' line indexes (0-based): parse-case-markdown.ts finds them. */
export interface FencedBlock {
  open: number;
  close: number;
}

/** A case file read but for some blocks' insides: its tree, and each block's node (its label only when not `read`). */
export interface CaseSkeleton {
  root: Root;
  blocks: { node: ContainerDirective; read: boolean }[];
}

/**
 * A case file read without micromark, when all but its blocks' insides is plain (plain-markdown.ts; each part checked
 * for characters it never reads, UNREADABLE): YAML frontmatter
 * between `---` lines, then plain markdown, and `:::name[label]{…}` blocks closed by `:::` alone on its line. Gives the
 * tree `caseParser.parse` gives, but for the insides that are not plain (left for the caller to parse with micromark),
 * or undefined. `lines` are the file's lines, `starts` the offset each starts at, `blocks` its top-level blocks as a
 * line scan found them.
 */
export function parsePlainCase(markdown: string, lines: readonly string[], starts: readonly number[], blocks: readonly FencedBlock[]): CaseSkeleton | undefined {
  const children: RootContent[] = [];
  const read: CaseSkeleton['blocks'] = [];
  let next = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    if (close < 0 || (blocks[0] && close > blocks[0].open) || lines.slice(1, close).some((line) => line.startsWith('---') || UNREADABLE.test(line))) return undefined;
    const position = { start: { line: 1, column: 1, offset: 0 }, end: linePlace(close + 1, starts[close]!)(0, 3).end };
    children.push({ type: 'yaml', value: lines.slice(1, close).join('\n'), position });
    next = close + 1;
  }
  for (const { open, close } of blocks) {
    // Text straight before a fence could run into it (a lazy line, a paragraph it interrupts): a blank line first.
    if (open > next && lines[open - 1] !== '') return undefined;
    if (!readLines(next, open, children) || lines[close] !== ':::') return undefined;
    const fence = readDirectiveOpening(lines[open]!, 3, linePlace(open + 1, starts[open]!));
    if (!fence) return undefined;
    const inside = readPlainInside(markdown, starts, { open, close });
    const label: Paragraph[] = fence.label ? [{ type: 'paragraph', data: { directiveLabel: true }, children: fence.label.children, position: fence.label.position } as Paragraph] : [];
    const closing = linePlace(close + 1, starts[close]!);
    const node: ContainerDirective = {
      type: 'containerDirective',
      name: fence.name,
      attributes: fence.attributes,
      children: [...label, ...(inside ?? [])] as ContainerDirective['children'],
      position: { start: { line: open + 1, column: 1, offset: starts[open]! }, end: closing(0, 3).end },
      data: { ...fence.data, position: { ...fence.data.position, closing: closing(0, 3) } } as ContainerDirective['data'],
    };
    children.push(node);
    read.push({ node, read: inside !== undefined });
    next = close + 1;
  }
  if (!readLines(next, lines.length, children)) return undefined;
  const last = lines.length - 1;
  return { root: { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: last + 1, column: lines[last]!.length + 1, offset: markdown.length } } }, blocks: read };

  /** Reads lines [from, to) as plain markdown into `into`; false when they are not plain. */
  function readLines(from: number, to: number, into: RootContent[]): boolean {
    if (to <= from) return true;
    const nodes = parsePlainMarkdown(lines.slice(from, to).join('\n'), { line: from + 1, offset: starts[from]! });
    if (nodes) into.push(...nodes);
    return nodes !== undefined;
  }
}

/** The nodes of a block's inside (the lines between its fences) when it is plain, else undefined. */
export function readPlainInside(markdown: string, starts: readonly number[], { open, close }: FencedBlock): RootContent[] | undefined {
  if (close === open + 1) return [];
  return parsePlainMarkdown(markdown.slice(starts[open + 1], starts[close]! - 1), { line: open + 2, offset: starts[open + 1]! });
}
