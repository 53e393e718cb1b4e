import type { Parent, Root, RootContent } from 'mdast';
import type { Node, Point, Position } from 'unist';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parsePlainCase, readPlainInside, type CaseSkeleton, type FencedBlock } from './plain-case.ts';
import remarkDirectivePositions from './remark-directive-positions.ts';

/** The case-file parser: CommonMark, YAML frontmatter, directives with the places of their attributes. */
export const caseParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirectivePositions);
/** The same, without frontmatter: for the inside of a `:::` block, parsed on its own. */
const blockParser = unified().use(remarkParse).use(remarkDirectivePositions);

const OPENING_FENCE = /^:::[A-Za-z][^\n]*$/;
const CLOSING_FENCE = /^:::[ \t]*\r?$/;
/** A carriage return alone ends a line for micromark, not for `split('\n')` (prepareMarkdown turns them into LF). */
const LONE_CR = /\r(?!\n)/;

/**
 * The lines of a case file and its top-level `:::name` blocks, when a line scan can tell them for certain, else
 * undefined: every fence stands at the start of its line with exactly three colons, each block closes before the next
 * opens, and nothing inside a block has three colons in a row (a block inside a block, or a fence micromark might read
 * otherwise).
 * A file with a link reference definition (`]:`) is left to the whole-file parse too: a definition anywhere decides
 * whether `[text]` is a link everywhere; so is one with a lone carriage return, and one with a byte order mark (micromark
 * drops one that starts a document, and an inside parsed apart would start with it).
 */
export function topLevelBlocks(markdown: string): { lines: string[]; blocks: FencedBlock[] } | undefined {
  if (markdown.includes(']:') || markdown.includes('\uFEFF') || LONE_CR.test(markdown)) return undefined;
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  let open = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes(':::')) continue;
    if (open < 0 && OPENING_FENCE.test(line)) open = i;
    else if (open >= 0 && CLOSING_FENCE.test(line)) {
      blocks.push({ open, close: i });
      open = -1;
    } else return undefined;
  }
  return open < 0 ? { lines, blocks } : undefined;
}

/** A run of lines of a text parsed apart (the file without its blocks' insides, or the insides), from `fromLine` on: how its lines and offsets move back to the file's. */
interface Run {
  fromLine: number;
  lineShift: number;
  offsetShift: number;
}

/**
 * Parses a case file into mdast, exactly as `caseParser.parse` does (positions and attribute places included). What
 * is plain is read without micromark (plain-case.ts): the whole file when it all is, else the file around its blocks,
 * else each block's inside that is. The rest goes to micromark apart: the file without its blocks' insides, and each
 * inside left on its own (micromark reads a `:::` block's inside twice, as the block's content and then as a document
 * of its own). Falls back to parsing the whole file when the blocks cannot be told by lines (topLevelBlocks), or when
 * micromark does not find them where the lines are or leaves the frontmatter open.
 */
export function parseCaseMarkdown(markdown: string): Root {
  const scan = topLevelBlocks(markdown);
  if (!scan || scan.blocks.length === 0) return caseParser.parse(markdown) as Root;
  const { lines, blocks } = scan;
  const lineStarts: number[] = [0];
  for (let i = 0; i < lines.length - 1; i++) lineStarts.push(lineStarts[i]! + lines[i]!.length + 1);
  const skeleton = parsePlainCase(markdown, lines, lineStarts, blocks) ?? skeletonByMicromark(markdown, lines, lineStarts, blocks);
  if (!skeleton) return caseParser.parse(markdown) as Root;
  // The insides left, each parsed on its own, as micromark parses a block's inside within the file: joined into one
  // document, micromark carried state from one to the next across the blank line between them (an indented code
  // block kept a `2.` line after it from starting a list).
  for (const [k, { open, close }] of blocks.entries()) {
    const { node, read } = skeleton.blocks[k]!;
    if (read || close === open + 1) continue;
    const body = blockParser.parse(markdown.slice(lineStarts[open + 1], lineStarts[close])) as Root;
    movePoints(body.children, [{ fromLine: 1, lineShift: open + 1, offsetShift: lineStarts[open + 1]! }]);
    node.children.push(...(body.children as typeof node.children));
  }
  return skeleton.root;
}

/**
 * The file without its blocks' insides, parsed by micromark, its places moved back to the file's; each block's node,
 * its inside read when it is plain. Undefined when micromark does not find a block where the lines are, or leaves the
 * frontmatter open.
 */
function skeletonByMicromark(markdown: string, lines: readonly string[], lineStarts: readonly number[], blocks: readonly FencedBlock[]): CaseSkeleton | undefined {
  const inside = new Set<number>();
  for (const { open, close } of blocks) for (let i = open + 1; i < close; i++) inside.add(i);
  const kept: string[] = [];
  const runs: Run[] = [];
  let skeletonOffset = 0;
  for (let i = 0; i < lines.length; i++) {
    if (inside.has(i)) continue;
    if (i === 0 || inside.has(i - 1)) runs.push({ fromLine: kept.length + 1, lineShift: i - kept.length, offsetShift: lineStarts[i]! - skeletonOffset });
    kept.push(lines[i]!);
    skeletonOffset += lines[i]!.length + 1;
  }
  const root = caseParser.parse(kept.join('\n')) as Root;
  movePoints([root], runs);
  // Frontmatter is the one construct micromark reads ahead for: left open in the skeleton, it may close inside a block.
  if (markdown.startsWith('---') && root.children[0]?.type !== 'yaml') return undefined;
  const byLine = new Map<number, RootContent>();
  for (const node of root.children) if (node.position) byLine.set(node.position.start.line, node);
  const read: CaseSkeleton['blocks'] = [];
  for (const { open, close } of blocks) {
    const node = byLine.get(open + 1);
    // A line micromark does not take for a fence (`:::claim[label never closed`) leaves no block there.
    if (node?.type !== 'containerDirective') return undefined;
    const plain = readPlainInside(markdown, lineStarts, { open, close });
    if (plain) node.children.push(...(plain as typeof node.children));
    read.push({ node, read: plain !== undefined });
  }
  return { root, blocks: read };
}

/** A directive's places (remark-directive-positions): its fences' and attributes' positions, and the attributes as written. */
interface DirectivePlaces {
  position?: { opening?: Position; closing?: Position; attributes?: Record<string, Position> };
  writtenAttributes?: { position: Position }[];
}

/**
 * Moves every point (`{ line, column, offset }`) of these nodes and their descendants by the run its line is in: node
 * positions, and a directive's fences and attributes. The points are the parse's own, one object each (the tests
 * compare every point with the whole-file parse's).
 */
function movePoints(nodes: readonly Node[], runs: readonly Run[]): void {
  const move = (point: Point): void => {
    let k = runs.length - 1;
    while (k > 0 && runs[k]!.fromLine > point.line) k--;
    point.line += runs[k]!.lineShift;
    if (point.offset !== undefined) point.offset += runs[k]!.offsetShift;
  };
  const movePosition = (position: Position | undefined): void => {
    if (!position) return;
    move(position.start);
    move(position.end);
  };
  const walk = (node: Node): void => {
    movePosition(node.position);
    const places = node.data as DirectivePlaces | undefined;
    if (places?.position) {
      movePosition(places.position.opening);
      movePosition(places.position.closing);
      for (const place of Object.values(places.position.attributes ?? {})) movePosition(place);
    }
    for (const written of places?.writtenAttributes ?? []) movePosition(written.position);
    for (const child of (node as Partial<Parent>).children ?? []) walk(child);
  };
  for (const node of nodes) walk(node);
}
