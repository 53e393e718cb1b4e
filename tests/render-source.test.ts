import { describe, expect, it } from 'vitest';
import { ProblemList } from '../src/core/problems.ts';
import { markAnchor, renderSource, type PlacedPassage } from '../src/core/render-source.ts';
import { parseSourceText } from '../src/core/source-document.ts';

const TEXT = 'The council voted on Monday to close the clinic. The mayor said most patients can go elsewhere.\n';
const doc = parseSourceText('seeds/t.txt', TEXT, 'en', new ProblemList());
const PREFIXES = { sentence: 's-', line: 'L' };

function passage(i: number, start: number, end: number): PlacedPassage {
  return { id: `quote-c${i}`, kind: 'quote', back: `c${i}`, number: i + 1, status: 'confirmed', start, end };
}

/** The text each passage covers, rebuilt from the segments that list it. */
function covered(blocks: ReturnType<typeof renderSource>, count: number): string[] {
  const texts = Array.from({ length: count }, () => '');
  for (const block of blocks) for (const s of block.segments) for (const i of s.passages ?? []) texts[i] += s.text;
  return texts;
}

describe('flat segments for overlapping passages', () => {
  it('cuts crossing passages into segments that each list every passage they belong to', () => {
    const a = passage(0, TEXT.indexOf('voted'), TEXT.indexOf(' to close'));
    const b = passage(1, TEXT.indexOf('on Monday'), TEXT.indexOf('. The'));
    const blocks = renderSource(doc, [a, b], PREFIXES);
    const segments = blocks[0]!.segments;
    expect(segments.map((s) => [s.text, s.passages ?? []])).toEqual([
      ['The council ', []],
      ['voted ', [0]],
      ['on Monday', [0, 1]],
      [' to close the clinic', [1]],
      ['.', []],
      [' ', []],
      ['The mayor said most patients can go elsewhere.', []],
    ]);
    expect(segments.find((s) => s.starts?.includes(1))!.text).toBe('on Monday');
    expect(segments.find((s) => s.ends?.includes(0))!.text).toBe('on Monday');
    expect(covered(blocks, 2)).toEqual([TEXT.slice(a.start, a.end), TEXT.slice(b.start, b.end)]);
    // The sentence id stays on the segment where the sentence starts, whatever cuts it.
    expect(segments.filter((s) => s.first).map((s) => s.text)).toEqual(['The council ', 'The mayor said most patients can go elsewhere.']);
  });

  it('lists first the passages that start and end on one segment, and anchors the first of them on its mark, whose first back link is its own', () => {
    const monday = { start: TEXT.indexOf('on Monday'), end: TEXT.indexOf(' to close') };
    const passages = [
      passage(0, TEXT.indexOf('voted'), monday.end), // started earlier, ends on "on Monday"
      passage(1, monday.start, TEXT.indexOf('. The')), // starts on "on Monday", ends later
      passage(2, monday.start, monday.end),
      passage(3, monday.start, monday.end),
    ];
    const segment = renderSource(doc, passages, PREFIXES)[0]!.segments.find((s) => s.text === 'on Monday')!;
    expect(segment.passages).toEqual([0, 1, 2, 3]);
    expect(segment.starts).toEqual([2, 3, 1]);
    expect(segment.ends).toEqual([2, 3, 0]);
    // On the page: the mark carries passage 2's id; every other passage is anchored right before its own back link.
    expect(markAnchor(segment)).toBe(2);
  });

  it('anchors no passage on a mark where none starts and ends', () => {
    const passages = [passage(0, TEXT.indexOf('voted'), TEXT.indexOf(' to close')), passage(1, TEXT.indexOf('on Monday'), TEXT.indexOf('. The'))];
    const segments = renderSource(doc, passages, PREFIXES)[0]!.segments;
    expect(segments.filter((s) => s.passages).map((s) => [s.text, markAnchor(s)])).toEqual([
      ['voted ', undefined],
      ['on Monday', undefined],
      [' to close the clinic', undefined],
    ]);
  });

  it('renders thousands of passages over one sentence without recursion, each covering exactly its words', () => {
    const words = [...TEXT.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const passages: PlacedPassage[] = [];
    for (let i = 0; i < 5000; i++) {
      const from = words[i % 8]!;
      const to = words[Math.min(words.length - 1, (i % 8) + 1 + (i % 5))]!;
      passages.push(passage(i, from.start, to.end));
    }
    const blocks = renderSource(doc, passages, PREFIXES);
    expect(blocks[0]!.segments.map((s) => s.text).join('')).toBe(TEXT.trimEnd());
    const texts = covered(blocks, passages.length);
    passages.forEach((p, i) => expect(texts[i]).toBe(TEXT.slice(p.start, p.end)));
  });
});
