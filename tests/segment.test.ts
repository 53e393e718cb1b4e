import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitParagraph } from '../src/core/segment.ts';
import { lineOf, parse, seedText } from './helpers/seed.ts';

function sentences(text: string, lang = 'ar'): string[] {
  return splitParagraph(text, lang).map((r) => text.slice(r.start, r.end));
}

describe('sentence segmentation of the seed', () => {
  const { doc } = parse(seedText());

  it('finds 55 sentences in 35 blocks, with the sentence count of every line pinned', () => {
    const perLine: Record<number, number> = {};
    for (const s of doc.sentences) perLine[lineOf(doc, s.start)] = (perLine[lineOf(doc, s.start)] ?? 0) + 1;
    expect(doc.blocks).toHaveLength(35);
    expect(doc.sentences).toHaveLength(55);
    expect(perLine).toEqual({
      1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 2, 12: 2, 13: 2, 14: 1, 15: 1, 16: 4, 17: 2,
      18: 1, 19: 1, 20: 1, 21: 2, 22: 2, 23: 2, 24: 2, 25: 1, 26: 1, 27: 2, 28: 4, 29: 2, 30: 1, 31: 1, 32: 1, 33: 2,
      34: 2, 35: 1,
    });
  });

  it('splits the seed exactly as tests/fixtures/seed-sentences.tsv records (line, column, id, text of all 55 sentences)', () => {
    const fixture = new URL('./fixtures/seed-sentences.tsv', import.meta.url);
    const actual = doc.sentences
      .map((s) => {
        const line = lineOf(doc, s.start);
        const column = s.start - doc.text.lastIndexOf('\n', s.start - 1);
        return `${line}\t${column}\t${s.id}\t${s.text}`;
      })
      .join('\n') + '\n';
    if (process.env['UPDATE_FIXTURES']) writeFileSync(fixture, actual);
    expect(actual).toBe(readFileSync(fixture, 'utf8'));
  });

  it('keeps a quotation with a question mark inside as one sentence (line 17)', () => {
    const line17 = doc.sentences.filter((s) => lineOf(doc, s.start) === 17).map((s) => s.text);
    expect(line17).toEqual(['وقالت والدته: "كيف مات؟ لا نعرف".', '“أريد محاسبة الأشخاص الذين أخذوه من أبنائه”.']);
  });

  it('keeps the dateline "(ا ف ب)" inside the first sentence of the report', () => {
    const first = doc.sentences.find((s) => s.text.includes('(ا ف ب)'));
    expect(first?.text.startsWith('الدمير، سوريا (ا ف ب) – أدت غارة')).toBe(true);
    expect(first?.text.endsWith('لوكالة أسوشيتد برس.')).toBe(true);
  });

  it('does not run on past an unclosed quotation that the next sentence never closes (line 33)', () => {
    const line33 = doc.sentences.filter((s) => lineOf(doc, s.start) === 33).map((s) => s.text);
    expect(line33).toHaveLength(2);
    expect(line33[1]).toBe('وتبين لاحقًا أن الهدف كان مزارعًا مدنيًا.');
  });

  it('keeps the mangled tag in its sentence and reports it as a warning', () => {
    const { problems } = parse(seedText());
    const s = doc.sentences.find((x) => lineOf(doc, x.start) === 8);
    expect(s?.text.startsWith('<ص> ص>وقال نصر')).toBe(true);
    expect(problems.warnings.map((p) => [p.code, p.place.line, p.place.column])).toEqual([['TQ309', 8, 1]]);
  });

  it('reads short lines without closing punctuation as headings', () => {
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.line)).toEqual([1, 10, 18, 26]);
  });

  it('sentence ranges never include surrounding spaces', () => {
    for (const s of doc.sentences) expect(s.text).toBe(s.text.trim());
  });
});

describe('repairs where ICU sentence rules fail', () => {
  it('does not split after the Arabic abbreviation "د."', () => {
    expect(sentences('قال د. أحمد إن الأمر صحيح. ثم غادر.')).toEqual(['قال د. أحمد إن الأمر صحيح.', 'ثم غادر.']);
  });

  it('does not split between dotted Arabic initials', () => {
    expect(sentences('نقلت ا. ف. ب. الخبر أمس. ثم نفته.')).toEqual(['نقلت ا. ف. ب. الخبر أمس.', 'ثم نفته.']);
  });

  it('ends a sentence at a quotation ending with .” when the next sentence starts', () => {
    expect(sentences('He said “it is over.” Then he left.', 'en')).toEqual(['He said “it is over.”', 'Then he left.']);
  });

  it('keeps a question inside curly quotes with its sentence', () => {
    expect(sentences('قالت: “هل انتهى؟ لا أظن”. وغادرت.')).toEqual(['قالت: “هل انتهى؟ لا أظن”.', 'وغادرت.']);
  });

  it('does not split inside dotted English acronyms such as U.S.', () => {
    expect(sentences('According to U.S. Census Bureau figures, it grew. Then it fell.', 'en')).toEqual([
      'According to U.S. Census Bureau figures, it grew.',
      'Then it fell.',
    ]);
  });

  it('does not split after English honorifics', () => {
    expect(sentences('Dr. Smith met Mr. Jones. They talked.', 'en')).toEqual(['Dr. Smith met Mr. Jones.', 'They talked.']);
  });
});

describe('markdown sources', () => {
  it('does not end a sentence at a line break inside a wrapped paragraph', () => {
    const { doc } = parse('# Minutes\n\nShe added that\nthe library would hire two new staff members this year. The vote was 5 to 2.\n', 'en', 'seeds/minutes.md');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph']);
    expect(doc.sentences.map((s) => s.text)).toEqual([
      'Minutes',
      'She added that\nthe library would hire two new staff members this year.',
      'The vote was 5 to 2.',
    ]);
  });
});
