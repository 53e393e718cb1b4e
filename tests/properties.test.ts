/**
 * Property-based tests (fast-check) of the two promises everything else rests on:
 * a quote made of whole words of the source anchors at its true offsets (typed with or
 * without diacritics), and the sentences of a source cover its text exactly.
 *
 * `npm test` runs 100 cases per property. The documented longer run:
 *   TAHQIQ_PROPERTY_RUNS=10000 npx vitest run tests/properties.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorQuote } from '../src/core/anchor.ts';
import { normalizeQuote } from '../src/core/normalize.ts';
import { ProblemList } from '../src/core/problems.ts';
import { parseSourceText } from '../src/core/source-document.ts';

const RUNS = Number(process.env['TAHQIQ_PROPERTY_RUNS'] ?? 100);
const SEED = process.env['TAHQIQ_PROPERTY_SEED'] ? Number(process.env['TAHQIQ_PROPERTY_SEED']) : undefined;
const settings = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const ARABIC = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const ARABIC_MARKS = [...'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyz'];
const LATIN_MARKS = ['\u0301', '\u0300', '\u0308']; // NFD: a letter then a combining accent

type Script = 'arabic' | 'latin' | 'mixed';

/** One letter, sometimes followed by a mark of its script. */
const letter = (script: 'arabic' | 'latin') =>
  fc.tuple(fc.constantFrom(...(script === 'arabic' ? ARABIC : LATIN)), fc.option(fc.constantFrom(...(script === 'arabic' ? ARABIC_MARKS : LATIN_MARKS)), { freq: 3 }))
    .map(([l, m]) => l + (m ?? ''));

const word = (script: Script) =>
  (script === 'mixed' ? fc.constantFrom<'arabic' | 'latin'>('arabic', 'latin') : fc.constant(script)).chain((s) =>
    fc.array(letter(s), { minLength: 3, maxLength: 7 }).map((ls) => ls.join('')));

interface Token {
  word: string;
  start: number;
  end: number;
  paragraph: number;
}

/** A source: paragraphs of sentences of words unique once folded, so any run of two words is found once. */
const source = fc
  .record({
    script: fc.constantFrom<Script>('arabic', 'latin', 'mixed'),
    eol: fc.constantFrom('\n', '\r\n'),
    shape: fc.array(fc.array(fc.integer({ min: 2, max: 9 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  })
  .chain(({ script, eol, shape }) => {
    const count = shape.flat().reduce((a, b) => a + b, 0);
    return fc
      .uniqueArray(word(script), { minLength: count, maxLength: count, selector: (w) => normalizeQuote(w) })
      .map((words) => {
        let text = '';
        const tokens: Token[] = [];
        let next = 0;
        shape.forEach((sentences, p) => {
          if (p > 0) text += eol;
          sentences.forEach((length, s) => {
            if (s > 0) text += ' ';
            for (let i = 0; i < length; i++) {
              if (i > 0) text += i % 4 === 3 ? '، '.replace('،', script === 'latin' ? ',' : '،') : ' ';
              const w = words[next++]!;
              tokens.push({ word: w, start: text.length, end: text.length + w.length, paragraph: p });
              text += w;
            }
            text += script === 'latin' ? '.' : '.';
          });
        });
        return { text: text + eol, tokens, lang: script === 'latin' ? 'en' : 'ar' };
      });
  });

/** A source and a run of at least two whole words inside one of its paragraphs. */
const sourceAndQuote = source.chain((src) => {
  const byParagraph = new Map<number, Token[]>();
  for (const t of src.tokens) byParagraph.set(t.paragraph, [...(byParagraph.get(t.paragraph) ?? []), t]);
  const candidates = [...byParagraph.values()].filter((ts) => ts.length >= 2);
  return fc.constantFrom(...candidates).chain((ts) =>
    fc.integer({ min: 0, max: ts.length - 2 }).chain((i) =>
      fc.integer({ min: i + 1, max: Math.min(ts.length - 1, i + 8) }).map((j) => ({ ...src, from: ts[i]!, to: ts[j]! }))));
});

function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

describe('anchoring, for random sources (Arabic, Latin, mixed; marks, NFD, CRLF)', () => {
  it('finds a whole-word quote at its true offsets', () => {
    fc.assert(
      fc.property(sourceAndQuote, ({ text, lang, from, to }) => {
        const doc = parseSourceText('seeds/random.txt', text, lang, new ProblemList());
        const result = anchorQuote(doc, text.slice(from.start, to.end));
        expect(result.ok && [result.anchor.start, result.anchor.end]).toEqual([from.start, to.end]);
      }),
      settings,
    );
  });

  it('finds the same offsets when the quote is typed without diacritics', () => {
    fc.assert(
      fc.property(sourceAndQuote, ({ text, lang, from, to }) => {
        const doc = parseSourceText('seeds/random.txt', text, lang, new ProblemList());
        const result = anchorQuote(doc, withoutMarks(text.slice(from.start, to.end)));
        expect(result.ok && [result.anchor.start, result.anchor.end]).toEqual([from.start, to.end]);
      }),
      settings,
    );
  });
});

describe('segmentation, for random sources', () => {
  it('covers every block exactly: sentences in order, no overlaps, only spaces between them', () => {
    fc.assert(
      fc.property(source, ({ text, lang }) => {
        const doc = parseSourceText('seeds/random.txt', text, lang, new ProblemList());
        let covered = 0;
        for (const block of doc.blocks) {
          const inside = doc.sentences.filter((s) => s.start >= block.start && s.end <= block.end);
          covered += inside.length;
          let pos = block.start;
          for (const s of inside) {
            expect(s.start).toBeGreaterThanOrEqual(pos);
            expect(text.slice(pos, s.start).trim()).toBe('');
            expect(s.text).toBe(text.slice(s.start, s.end));
            pos = s.end;
          }
          expect(text.slice(pos, block.end).trim()).toBe('');
        }
        // Every sentence lies in a block, and the text outside blocks is only line breaks and spaces.
        expect(covered).toBe(doc.sentences.length);
        let outside = '';
        let last = 0;
        for (const block of doc.blocks) {
          outside += text.slice(last, block.start);
          last = block.end;
        }
        expect((outside + text.slice(last)).trim()).toBe('');
      }),
      settings,
    );
  });
});
