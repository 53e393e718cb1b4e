import type { SourceNodeData } from '../schemas/case-entry.ts';
import type { Status } from '../schemas/status.ts';
import type { Block, SourceDocument } from './source-document.ts';

/**
 * The source document as a tree ready to render: blocks hold sentence
 * fragments and marks (claimed passages). Marks never split: a sentence that
 * crosses a mark is cut into fragments, and the fragment where the sentence
 * starts carries its id. All text stays text; nothing here is HTML.
 * The node shape is defined once, by the entry schema.
 */
export type SourceNode = SourceNodeData;

export interface SourceBlock {
  kind: Block['kind'];
  line: number;
  children: SourceNode[];
}

/** A claimed passage to mark. */
export interface Highlight {
  claim: string;
  number: number;
  status: Status;
  start: number;
  end: number;
}

export interface Nested extends Highlight {
  inner: Nested[];
}

/**
 * Nests highlights (equal or contained ranges nest; the earlier claim outside).
 * Returns the crossing pairs, which cannot be nested and are left unmarked.
 */
export function nestHighlights(highlights: readonly Highlight[]): { roots: Nested[]; crossing: [Highlight, Highlight][] } {
  const sorted = [...highlights].sort((a, b) => a.start - b.start || b.end - a.end || a.number - b.number);
  const roots: Nested[] = [];
  const stack: Nested[] = [];
  const crossing: [Highlight, Highlight][] = [];
  for (const h of sorted) {
    while (stack.length && stack[stack.length - 1]!.end <= h.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && h.end > parent.end) {
      crossing.push([parent, h]);
      continue;
    }
    const node: Nested = { ...h, inner: [] };
    (parent ? parent.inner : roots).push(node);
    stack.push(node);
  }
  return { roots, crossing };
}

function fragments(doc: SourceDocument, from: number, to: number): SourceNode[] {
  const out: SourceNode[] = [];
  let pos = from;
  for (const s of doc.sentences) {
    if (s.end <= from || s.start >= to) continue;
    const a = Math.max(from, s.start);
    const b = Math.min(to, s.end);
    if (a > pos) out.push({ type: 'text', value: doc.text.slice(pos, a) });
    out.push({ type: 'sentence', sentence: s.id, first: a === s.start, value: doc.text.slice(a, b) });
    pos = b;
  }
  if (pos < to) out.push({ type: 'text', value: doc.text.slice(pos, to) });
  return out;
}

function renderRange(doc: SourceDocument, from: number, to: number, marks: readonly Nested[]): SourceNode[] {
  const out: SourceNode[] = [];
  let pos = from;
  for (const m of marks) {
    out.push(...fragments(doc, pos, m.start));
    out.push({ type: 'mark', claim: m.claim, number: m.number, status: m.status, children: renderRange(doc, m.start, m.end, m.inner) });
    pos = m.end;
  }
  out.push(...fragments(doc, pos, to));
  return out;
}

/** Builds the render tree of a whole document from its nested highlights (see nestHighlights). */
export function renderSource(doc: SourceDocument, roots: readonly Nested[]): SourceBlock[] {
  return doc.blocks.map((block) => ({
    kind: block.kind,
    line: block.line,
    children: renderRange(doc, block.start, block.end, roots.filter((m) => m.start >= block.start && m.end <= block.end)),
  }));
}
