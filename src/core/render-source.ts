import type { PassageData, SegmentData, SourceBlockData } from '../schemas/case-entry.ts';
import type { SourceDocument } from './source-document.ts';

/**
 * The source document as flat segments ready to render. The text of each block is cut at
 * every sentence boundary and every passage boundary (quotes, evidence, notes), so passages
 * may nest, cross or coincide: each segment lists every passage it belongs to. There is no
 * tree and no recursion, so any number of passages over one sentence renders in linear
 * passes. All text stays text; nothing here is HTML.
 */
export type Segment = SegmentData;
export type SourceBlock = SourceBlockData;

/** A passage to mark, with its offsets in the document text. */
export interface PlacedPassage extends PassageData {
  start: number;
  end: number;
}

/** Ids of a document's sentences and line anchors on the page: the first document keeps the bare ids. */
export interface IdPrefixes {
  /** Put in front of each sentence id's hash, e.g. `s-` or `s-statement-`. */
  sentence: string;
  /** Put in front of each block's line anchor, e.g. `L` or `source-statement-L`. */
  line: string;
}

/** A sentence id with the document's prefix (ids from segment.ts start with `s-`). */
export function prefixedSentenceId(id: string, prefixes: IdPrefixes): string {
  return prefixes.sentence + id.slice(2);
}

/** Builds the segments of every block. `passages` are indexed by position: segments refer to them by index. */
export function renderSource(doc: SourceDocument, passages: readonly PlacedPassage[], prefixes: IdPrefixes): SourceBlock[] {
  const order = passages.map((_, i) => i).sort((a, b) => passages[a]!.start - passages[b]!.start || passages[b]!.end - passages[a]!.end || a - b);
  let next = 0; // next passage in `order` not yet opened
  let sentence = 0; // first sentence that may still hold the current position
  const active = new Set<number>();
  return doc.blocks.map((block) => {
    const cuts = new Set<number>([block.start, block.end]);
    for (let s = sentence; s < doc.sentences.length && doc.sentences[s]!.start < block.end; s++) {
      const { start, end } = doc.sentences[s]!;
      if (start > block.start && start < block.end) cuts.add(start);
      if (end > block.start && end < block.end) cuts.add(end);
    }
    for (let k = next; k < order.length && passages[order[k]!]!.start < block.end; k++) {
      const p = passages[order[k]!]!;
      if (p.start > block.start) cuts.add(p.start);
      if (p.end < block.end) cuts.add(p.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let c = 0; c < points.length - 1; c++) {
      const from = points[c]!;
      const to = points[c + 1]!;
      for (const i of [...active]) if (passages[i]!.end <= from) active.delete(i);
      const starts: number[] = [];
      while (next < order.length && passages[order[next]!]!.start <= from) {
        const i = order[next++]!;
        if (passages[i]!.end > from) {
          active.add(i);
          starts.push(i);
        }
      }
      while (sentence < doc.sentences.length && doc.sentences[sentence]!.end <= from) sentence++;
      const s = doc.sentences[sentence];
      const segment: Segment = { text: doc.text.slice(from, to) };
      if (s && s.start <= from && s.end >= to) {
        segment.sentence = prefixedSentenceId(s.id, prefixes);
        if (s.start === from) segment.first = true;
      }
      if (active.size > 0) {
        segment.passages = [...active].sort((a, b) => a - b);
        const endsHere = (i: number) => passages[i]!.end <= to;
        // Those that start and end here first: the first of them is anchored on the mark itself, whose first link must
        // then be its own (markAnchor).
        const whole = starts.filter(endsHere);
        if (starts.length) segment.starts = [...whole, ...starts.filter((i) => !endsHere(i))];
        const ends = [...whole, ...segment.passages.filter((i) => endsHere(i) && !whole.includes(i))];
        if (ends.length) segment.ends = ends;
      }
      segments.push(segment);
    }
    return { kind: block.kind, line: block.line, id: `${prefixes.line}${block.line}`, segments };
  });
}

/**
 * The passage whose id a segment's mark carries: the first that starts and ends on it (renderSource lists it first in
 * `ends`, so its back link is the mark's first link). Every other passage is anchored on an empty `<a id>` right before
 * its own back link, where it ends (SourceNodes.astro): after following a link to a passage, the next Tab reaches that
 * passage's back link, never the link of another passage it overlaps.
 */
export function markAnchor(segment: Segment): number | undefined {
  const first = segment.ends?.[0];
  return first !== undefined && segment.starts?.includes(first) ? first : undefined;
}
