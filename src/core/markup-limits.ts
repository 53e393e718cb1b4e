import type { ProblemList } from './problems.ts';

/**
 * Bounds on markup the markdown parser would take super-linear time or deep recursion over.
 * micromark's cost grows with the square (or worse) of container nesting, and every line costs as much as the blocks open around it (`> > > …`, `- - - …`,
 * lists indented under lists, unclosed `:::` blocks) and of the number of emphasis delimiters in one
 * paragraph. No real case comes near these limits; a file that does is reported, never hung on.
 */
export const MAX_NESTING = 16;
export const MAX_DELIMITERS_PER_PARAGRAPH = 400;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const DIRECTIVE_OPEN = /^:{3,}[A-Za-z]/;
const DIRECTIVE_CLOSE = /^:{3,}[ \t]*$/;
const DELIMITER = /[*_]|!?\[/g;

/** Width of leading spaces and tabs, in columns (a tab moves to the next multiple of 4). */
function indentOf(text: string, from: number): { end: number; column: number } {
  let column = 0;
  let i = from;
  for (; i < text.length; i++) {
    if (text[i] === ' ') column++;
    else if (text[i] === '\t') column += 4 - (column % 4);
    else break;
  }
  return { end: i, column };
}

/** The container markers that open a line: blockquote `>` and list markers, with their columns. */
function prefixOf(line: string): { quotes: number; lists: number[]; rest: string; restColumn: number } {
  let quotes = 0;
  const lists: number[] = [];
  let i = 0;
  let column = 0;
  for (;;) {
    const indent = indentOf(line, i);
    const at = column + indent.column;
    if (line[indent.end] === '>') {
      quotes++;
      i = indent.end + 1;
      column = at + 1;
      continue;
    }
    const marker = LIST_MARKER.exec(line.slice(indent.end, indent.end + 11));
    // `- - -` alone is a horizontal rule, not lists (tested once per line: linear time).
    if (marker && !(lists.length === 0 && THEMATIC_BREAK.test(line.slice(i)))) {
      lists.push(at + marker[0].length + 1);
      i = indent.end + marker[0].length;
      column = at + marker[0].length;
      continue;
    }
    return { quotes, lists, rest: line.slice(indent.end), restColumn: at };
  }
}

/**
 * Checks container nesting line by line (an upper bound: lists indented under earlier list items
 * count too) and emphasis/link delimiters per paragraph. Each offending line is reported and
 * emptied (every other line keeps its line and columns); returns the text to parse.
 */
export function limitMarkup(markdown: string, file: string, problems: ProblemList): string {
  const lines = markdown.split('\n');
  const listColumns: number[] = [];
  let directives = 0;
  let paragraph: { first: number; delimiters: number } | undefined;
  const blank = new Set<number>();
  const shortened = new Map<number, string>();
  // The frontmatter is YAML, not markdown: its `- item` lines are not list items.
  const frontmatterEnd = lines[0]?.trimEnd() === '---' ? lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l)) : -1;
  for (let n = frontmatterEnd + 1; n < lines.length; n++) {
    // Read without a Windows line ending's CR, which would hide a closing `:::` or a rule from their patterns.
    const line = lines[n]!.endsWith('\r') ? lines[n]!.slice(0, -1) : lines[n]!;
    const { quotes, lists, rest, restColumn } = prefixOf(line);
    if (lists.length > 0) {
      const first = lists[0]! - 2;
      while (listColumns.length > 0 && listColumns[listColumns.length - 1]! > first) listColumns.pop();
    }
    const inherited = lists.length > 0 || rest.trim() ? listColumns.filter((c) => c <= restColumn).length : 0;
    const opens = DIRECTIVE_OPEN.test(rest) ? 1 : 0;
    const depth = inherited + quotes + lists.length + directives + opens;
    if (depth > MAX_NESTING) {
      problems.add('markupTooDeep', file, { line: n + 1, column: 1 },
        `Unexpected ${depth} nested blocks (quotes, list items, \`:::\` blocks) on one line, expected at most ${MAX_NESTING}; the line is left out`);
      blank.add(n);
      continue;
    }
    if (opens) directives++;
    else if (DIRECTIVE_CLOSE.test(rest) && directives > 0) directives--;
    // A horizontal rule of thousands of `- - -` costs the parser seconds; three markers mean the same.
    const rule = THEMATIC_BREAK.exec(line);
    if (rule && line.length > 80) shortened.set(n, `${/^ */.exec(line)![0]}${rule[1]} ${rule[1]} ${rule[1]}`); // spaced: never a setext underline
    listColumns.push(...lists.slice(0, MAX_NESTING));
    // A paragraph ends at a blank line or where a new block starts.
    const startsBlock = !rest.trim() || rule !== null || lists.length > 0 || /^(?:#{1,6}[ \t]|:{2,}|```|~~~)/.test(rest);
    if (startsBlock || !paragraph) paragraph = rest.trim() ? { first: n, delimiters: 0 } : undefined;
    if (paragraph) {
      if (!rule) paragraph.delimiters += rest.match(DELIMITER)?.length ?? 0;
      if (paragraph.delimiters > MAX_DELIMITERS_PER_PARAGRAPH) {
        problems.add('markupTooDense', file, { line: paragraph.first + 1, column: 1 },
          `Unexpected ${MAX_DELIMITERS_PER_PARAGRAPH}+ emphasis or link markers (\`*\`, \`_\`, \`[\`) in one paragraph, expected fewer; the paragraph is left out`);
        for (let k = paragraph.first; k <= n; k++) blank.add(k);
        paragraph.delimiters = -Infinity; // reported once; the rest of the paragraph is left out below
      }
      if (paragraph.delimiters === -Infinity) blank.add(n);
    }
  }
  if (blank.size === 0 && shortened.size === 0) return markdown;
  return lines.map((line, n) => (blank.has(n) ? '' : shortened.get(n) ?? line)).join('\n');
}
