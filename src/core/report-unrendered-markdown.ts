import type { Definition, Nodes, Root } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { eachNode } from './each-node.ts';
import { start } from './messages.ts';
import { isEvidence } from './read-evidence.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';

/** `[text][label]` or `[text][]`: a link by reference (an image when `!` comes first). */
const REFERENCE = /!?\[([^\]\n]+)\]\[([^\]\n]*)\]/gu;
/** `[^1]`: a footnote mark. */
const FOOTNOTE = /\[\^[^\]\s]+\]/u;
/** `~~struck~~`. */
const STRIKETHROUGH = /~~[^~\n]+~~/u;
/** `|---|:---:|`: the line under a table's header. */
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/u;

/**
 * Markdown that reaches readers as typed, without a word: a link by reference whose label no `[label]: …` line
 * defines (an error: a link the journalist meant, and a broken one), and what GitHub's preview renders but the case
 * page does not (tables, footnotes, strikethrough; a warning: shown as typed). CommonMark leaves all of them as text.
 */
export function reportUnrenderedMarkdown(root: Root, lines: readonly string[], definitions: readonly Definition[], file: string, problems: ProblemList): void {
  const defined = new Set(definitions.map((d) => normalizeIdentifier(d.label ?? d.identifier).toLowerCase()));
  const verbatim = verbatimPassages(root);
  const walk = (node: Nodes): void => {
    if (verbatim.has(node)) return;
    check(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  const check = (node: Nodes): void => {
    if (node.type === 'paragraph' && node.position) {
      for (let line = node.position.start.line + 1; line <= node.position.end.line; line++) {
        const text = lines[line - 1] ?? '';
        if (!TABLE_DELIMITER.test(text)) continue;
        problems.add('unrenderedMarkdown', file, { line, column: text.length - text.trimStart().length + 1 },
          'Unexpected table: markdown tables are shown as typed, lines of `|` and `-`, expected paragraphs or a list');
      }
    }
    if (node.type !== 'text' || !node.position) return;
    // Found where typed as such: brackets typed escaped (`\[a\]\[b\]`) are text by intent. The text as typed is
    // made only for a node that holds something to report.
    const position = node.position;
    let typed: ReturnType<typeof typedText> | undefined;
    const report = (name: 'undefinedReference' | 'unrenderedMarkdown', written: string, message: string) => {
      typed ??= typedText(position, lines);
      const at = typed.text.indexOf(written);
      if (at >= 0) problems.add(name, file, typed.pointAt(at), message);
    };
    for (const found of node.value.matchAll(REFERENCE)) {
      const label = found[2] || found[1]!;
      // `[1][2]`: citation marks as typed, not a link.
      if (!/\p{L}/u.test(found[1]!) || defined.has(normalizeIdentifier(label).toLowerCase())) continue;
      report('undefinedReference', found[0],
        `Unexpected \`${excerpt(found[0], 40)}\`: no \`[${excerpt(label, 30)}]: https://…\` line defines its address, expected one in the file, or the address in the link: \`[${excerpt(found[1]!, 30)}](https://…)\``);
    }
    const footnote = FOOTNOTE.exec(node.value)?.[0];
    if (footnote) report('unrenderedMarkdown', footnote, `Unexpected footnote \`${excerpt(footnote, 20)}\`: footnotes are shown as typed, expected the note in the text or in brackets`);
    const struck = STRIKETHROUGH.exec(node.value)?.[0];
    if (struck) {
      report('unrenderedMarkdown', struck, `Unexpected \`${excerpt(struck, 30)}\`: strikethrough is shown as typed, tildes and all, expected the words without \`~~\` (a correction belongs in the case history)`);
    }
  };
  walk(root);
}

/**
 * The words of the sources in a case file: the quote of each claim and note and each evidence passage. The page shows
 * them from the source, never as markdown, so brackets or tildes copied with them (`[1][2]`) are the source's own.
 */
function verbatimPassages(root: Root): Set<Nodes> {
  const found = new Set<Nodes>();
  eachNode(root, (node) => {
    if (node.type === 'containerDirective' && (node.name === 'claim' || node.name === 'note')) {
      for (const child of node.children) if (child.type === 'blockquote') found.add(child);
    } else if (isEvidence(node)) found.add(node);
  });
  return found;
}

/** A node's text as typed in the file, from its first character, and the place of a character of it. */
function typedText(position: NonNullable<Root['position']>, lines: readonly string[]): { text: string; pointAt: (index: number) => Point } {
  const from = start(position);
  const text = lines.slice(from.line - 1, position.end.line).join('\n').slice(from.column - 1);
  return {
    text,
    pointAt(index) {
      const before = text.slice(0, index);
      const breaks = before.split('\n');
      return breaks.length === 1 ? { line: from.line, column: from.column + index } : { line: from.line + breaks.length - 1, column: breaks[breaks.length - 1]!.length + 1 };
    },
  };
}
