import { describe, expect, it } from 'vitest';
import { anchorQuote } from '../src/core/anchor.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { offsetOf, pointOf, SourceTexts } from '../src/core/provenance/source-texts.ts';
import { pointAt } from '../src/core/source-document.ts';
import { normalizeForMatching, normalizeQuote } from '../src/core/normalize.ts';
import { lineOf, parse, seedText } from './helpers/seed.ts';

const { doc } = parse(seedText());

function found(quote: string, occurrence?: number) {
  const result = anchorQuote(doc, quote, occurrence);
  if (!result.ok) throw new Error(`expected a match, got ${JSON.stringify(result.failure)}`);
  return result.anchor;
}

describe('normalisation for matching', () => {
  it('folds diacritics, tatweel, alef forms, alef maksura, teh marbuta, quotes and spaces', () => {
    expect(normalizeQuote('أُمُّ  إبراهيمَ ـــ آمنة «قالت» على المدرسة')).toBe(normalizeQuote('ام ابراهيم ـ امنه "قالت" علي المدرسه'));
  });

  it('maps every folded character back to the original offsets it came from', () => {
    const original = 'عَمِيلاً سِرِّيًّا';
    const n = normalizeForMatching(original);
    expect(n.text).toBe('عميلا سريا');
    expect(original.slice(n.starts[0], n.ends[4])).toBe('عَمِيلاً');
    expect(original.slice(n.starts[6], n.ends[9])).toBe('سِرِّيًّا');
  });

  it('folds Arabic-Indic digits to ASCII digits', () => {
    expect(normalizeQuote('١٥ مخبأ')).toBe('15 مخبا');
  });
});

describe('anchoring quotes in the seed', () => {
  it('finds an exact quote and reports the sentence it sits in', () => {
    const a = found('عثرت على 15 مخبأ لأسلحة داعش في الجنوب ودمرتها');
    expect(a.match).toBe('exact');
    expect(lineOf(doc, a.start)).toBe(9);
    expect(doc.text.slice(a.start, a.end)).toBe('عثرت على 15 مخبأ لأسلحة داعش في الجنوب ودمرتها');
    expect(a.sentenceIds).toHaveLength(1);
  });

  it('anchors a quote typed without diacritics to the sentence that has them', () => {
    // The source writes «عميلاً سرياً سورياً» with tanween; the quote is typed bare, with a plain alef.
    const a = found('يزعم ان الغارة الامريكية قتلت عميلا سريا سوريا');
    expect(a.match).toBe('normalized');
    expect(doc.text.slice(a.start, a.end)).toBe('يُزعم أن الغارة الأمريكية قتلت عميلاً سرياً سورياً');
  });

  it('matches straight quotes typed for the curly quotes of the source', () => {
    const a = found('"أريد محاسبة الأشخاص الذين أخذوه من أبنائه"');
    expect(doc.text.slice(a.start, a.end)).toBe('“أريد محاسبة الأشخاص الذين أخذوه من أبنائه”');
  });

  it('anchors a quote spanning two sentences to both sentence ids', () => {
    const a = found('ثم تم استدعاء الأسرة لتسلم جثته. ولم يكن من الواضح متى مات.');
    expect(a.sentenceIds).toHaveLength(2);
  });

  it('reports a quote found more than once, with the lines of every occurrence', () => {
    const result = anchorQuote(doc, 'غارة 19 أكتوبر/تشرين الأول');
    expect(result).toMatchObject({ ok: false, failure: { kind: 'ambiguous', count: 2, places: [{ line: 5 }, { line: 34 }] } });
  });

  it('picks the occurrence asked for', () => {
    const second = found('غارة 19 أكتوبر/تشرين الأول', 2);
    expect(lineOf(doc, second.start)).toBe(34);
  });

  it('reports an occurrence past the last match', () => {
    expect(anchorQuote(doc, 'غارة 19 أكتوبر/تشرين الأول', 3)).toEqual({
      ok: false,
      failure: { kind: 'occurrenceOutOfRange', count: 2, occurrence: 3 },
    });
  });

  it('explains where a nearly-right quote stops matching', () => {
    const result = anchorQuote(doc, 'استيقظ السكان على صوت الطائرات الثقيلة');
    expect(result.ok).toBe(false);
    if (result.ok || result.failure.kind !== 'notFound') throw new Error('expected notFound');
    expect(result.failure.message).toContain('at line 11');
    expect(result.failure.message).toContain('مركبات الثقيلة');
  });

  it('says where a long quote goes wrong even when its matching start is short, instead of a suggestion cut before the difference', () => {
    // It matches for 41 characters of 160: too few to trust anywhere in the source, but they are in the closest sentence.
    const quote = 'وأكد مسؤولان أمنيان سوريان ومسؤول سياسي، وتحدثوا بشرط عدم الكشف عن هويتهم لأنهم غير مخولين بالتعليق علناً، أن المسعود كان يعمل مع الحكومة السورية المؤقتة في دور أمني';
    const result = anchorQuote(doc, quote);
    if (result.ok || result.failure.kind !== 'notFound') throw new Error('expected notFound');
    expect(result.failure.message).toMatch(/matches up to `.*ومسؤول سياسي،` at line \d+, then the source has `تحدثوا/);
    expect(result.failure.message).toContain('where the quote has `وتحدثوا');
  });

  it('says where a quote goes wrong at the occurrence of its start that the rest of it follows, not at the first', () => {
    const { doc: report } = parse('The bridge number 12 would close for a week, the ministry said.\n\nThe bridge number 15000 would reopen on Monday, the mayor said.\n', 'en', 'seeds/bridges.txt');
    const result = anchorQuote(report, 'the bridge numbr 15000 would reopen on Monday');
    if (result.ok || result.failure.kind !== 'notFound') throw new Error('expected notFound');
    expect(result.failure.message).toMatch(/matches up to `The bridge numb` at line 3, then the source has `er 15000/);
    expect(result.failure.message).toContain('where the quote has `r 15000');
  });

  it('counts columns in a source saved with a byte order mark as an editor does, from the first visible character', () => {
    const { doc: saved } = parse('\uFEFFFire at the harbour. Two workers were hurt.\nThe port reopens.\n', 'en', 'seeds/bom.txt');
    const result = anchorQuote(saved, 'Fire at the harbour');
    if (!result.ok) throw new Error('expected the quote to anchor');
    expect(pointAt(saved, result.anchor.start)).toEqual({ line: 1, column: 1 });
    expect(pointAt(saved, saved.sentences[1]!.start)).toEqual({ line: 1, column: 22 });
    expect(pointAt(saved, saved.sentences[2]!.start)).toEqual({ line: 2, column: 1 });
  });

  it('counts columns the same way when the source lock re-reads a source saved with a byte order mark', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-bom-'));
    writeFileSync(path.join(dir, 'bom.txt'), '\uFEFFThe mayor said the bridge would reopen.\n');
    const source = await new SourceTexts(dir).get('bom.txt');
    if (!source) throw new Error('expected the source to be read');
    const at = source.text.indexOf('said');
    expect(pointOf(source, at)).toEqual({ line: 1, column: 11 });
    expect(offsetOf(source, { line: 1, column: 11 })).toBe(at);
  });

  it('suggests the closest sentence for a reworded quote', () => {
    const result = anchorQuote(doc, 'الجماعة صنفت خالد المسعود مدنيا');
    if (result.ok || result.failure.kind !== 'notFound') throw new Error('expected notFound');
    expect(result.failure.message).toMatch(/did you mean `صنفت المجموعة المسعود كمدني\.` at line 32\?/);
  });

  it('refuses a quote that crosses a paragraph break', () => {
    const result = anchorQuote(doc, 'وأكد مسؤولان أمنيان سوريان ومسؤول سياسي، تحدثوا بشرط عدم الكشف عن هويتهم لأنهم غير مخولين بالتعليق علناً، أن المسعود كان يعمل مع الحكومة السورية المؤقتة في دور أمني. وقال اثنان من المسؤولين إنه كان يعمل في مكافحة تنظيم الدولة الإسلامية. وذكرت تقارير');
    expect(result).toMatchObject({ ok: false, failure: { kind: 'crossesParagraph' } });
  });

  it('refuses a one-word quote as too short to verify', () => {
    expect(anchorQuote(doc, 'Airwars')).toEqual({ ok: false, failure: { kind: 'tooShort' } });
  });
});

describe('what counts as a word', () => {
  it('does not count punctuation as a word toward the two-word minimum', () => {
    expect(anchorQuote(doc, '(ا ف ب) –')).toMatchObject({ ok: true });
    expect(anchorQuote(doc, '“ — ”')).toEqual({ ok: false, failure: { kind: 'tooShort' } });
    expect(anchorQuote(doc, 'SFA –')).toEqual({ ok: false, failure: { kind: 'tooShort' } });
  });
});

describe('characters outside the basic plane', () => {
  it('maps matches after an emoji or a rare CJK character back to the exact passage', () => {
    const text = 'He said 😀 that the “army” left the town today. The 𠀀𠀀 name of the “village” was given.';
    const { doc } = parse(text, 'en', 'seeds/emoji.txt');
    for (const [quote, expected] of [
      ['the "army" left the town', 'the “army” left the town'],
      ['name of the "village" was given', 'name of the “village” was given'],
    ] as const) {
      const result = anchorQuote(doc, quote);
      if (!result.ok) throw new Error(JSON.stringify(result.failure));
      expect(doc.text.slice(result.anchor.start, result.anchor.end)).toBe(expected);
      expect(result.anchor.sentenceIds).toHaveLength(1);
    }
  });
});

describe('whole words', () => {
  it('refuses a quote that begins inside a longer word, which would change its meaning', () => {
    // «قتل رجل» ("killed a man") sits inside «مقتل رجل» ("the death of a man").
    expect(anchorQuote(doc, 'قتل رجل كان يعمل متخفيًا')).toMatchObject({ ok: false, failure: { kind: 'partialWord', place: { line: 2 }, passage: 'مقتل رجل كان يعمل متخفيًا' } });
  });

  it('accepts a quote that leaves out an Arabic prefix joined to its first word', () => {
    const a = found('قال نصر إن الغارة التي استهدفته');
    expect(doc.text.slice(a.start - 1, a.start)).toBe('و');
  });

  it('keeps a tanween with its letter when the quote is typed without it', () => {
    const a = found('قتلت عميلا سريا');
    expect(doc.text.slice(a.start, a.end)).toBe('قتلت عميلاً سرياً');
  });

  it('refuses a quote that ends inside a word', () => {
    expect(anchorQuote(doc, 'وقعت الغارة في بلدة الضم')).toMatchObject({ ok: false, failure: { kind: 'partialWord' } });
  });
});
