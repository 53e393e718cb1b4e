import { describe, expect, it } from 'vitest';
import { bidiPieces, bidiRuns } from '../src/core/bidi-runs.ts';

const isolated = (text: string, dir: 'ltr' | 'rtl') => bidiRuns(text, dir).filter((r) => r.isolate).map((r) => r.text);

describe('runs of the other direction, isolated', () => {
  it('isolates Latin words in Arabic text, leaving the sentence\'s own punctuation outside', () => {
    expect(isolated('يتبع SFA الآن رسميًا وزارة الدفاع، ومقرها Airwars.', 'rtl')).toEqual(['SFA', 'Airwars']);
    expect(bidiRuns('أعلنت U.S. ذلك.', 'rtl').map((r) => r.text).join('')).toBe('أعلنت U.S. ذلك.');
  });

  it('keeps a whole English sentence in Arabic text as one run, its punctuation and digits inside', () => {
    const sentence = 'Seed case revised: every verdict cites its passages (partner: unnamed residents only); 27 claims, 8 confirmed';
    expect(isolated(`السبب: ${sentence}.`, 'rtl')).toEqual([sentence]);
    expect(isolated('(SFA, FSA)', 'rtl')).toEqual(['SFA, FSA']);
  });

  it('keeps Latin runs apart when Arabic words stand between them', () => {
    expect(isolated('قال SFA إن FSA غادر', 'rtl')).toEqual(['SFA', 'FSA']);
  });

  it('names the language of each isolated run by its script, for screen readers: English for Latin, Arabic, Hebrew', () => {
    const langs = (text: string, dir: 'ltr' | 'rtl') => bidiRuns(text, dir).filter((r) => r.isolate).map((r) => [r.text, r.lang]);
    expect(langs('رأى عربات همفي ("Humvees with U.S. flags") قرب SFA.', 'rtl')).toEqual([['Humvees with U.S. flags', 'en'], ['SFA', 'en']]);
    expect(langs('The sign read «الضمير» and שלום.', 'ltr')).toEqual([['الضمير', 'ar'], ['שלום', 'he']]);
    expect(bidiRuns('قال SFA', 'rtl').filter((r) => !r.isolate).every((r) => r.lang === undefined)).toBe(true);
  });

  it('cuts the runs of a whole paragraph back into its parts: a run inside one part is isolated, a run across parts is not', () => {
    expect(bidiPieces(['رأى Humvees with', ' U.S. flags قرب ', 'SFA.'], 'rtl')).toEqual([
      [{ text: 'رأى ' }, { text: 'Humvees with', lang: 'en' }],
      [{ text: ' U.S. flags', lang: 'en' }, { text: ' قرب ' }],
      [{ text: 'SFA', lang: 'en', whole: true }, { text: '.' }],
    ]);
    expect(bidiPieces(['نص عربي', ' فقط'], 'rtl')).toEqual([[{ text: 'نص عربي' }], [{ text: ' فقط' }]]);
  });

  it('keeps words quoted one by one apart, so that each keeps its own quotation marks', () => {
    expect(isolated('quick fixes (title «وفاة», «بنصه», dateline)', 'ltr')).toEqual(['وفاة', 'بنصه']);
    expect(isolated('كلمتا "SFA" و"FSA"، و«Airwars», «Humvee»', 'rtl')).toEqual(['SFA', 'FSA', 'Airwars', 'Humvee']);
  });

  it('isolates Arabic in English text the same way', () => {
    expect(isolated('The headline says «يُزعم، أن الغارة» twice', 'ltr')).toEqual(['يُزعم، أن الغارة']);
    expect(isolated('Places: الضمير and دمشق.', 'ltr')).toEqual(['الضمير', 'دمشق']);
  });

  it('gives back the text it was given, piece by piece', () => {
    for (const [text, dir] of [['قال SFA: «نعم» (FSA, 2019) ثم Airwars.', 'rtl'], ['A «ب، ج» d', 'ltr']] as const) {
      expect(bidiRuns(text, dir).map((r) => r.text).join('')).toBe(text);
    }
  });
});
