/**
 * The card fonts cut down to the cards' characters (src/core/share-card/card-fonts.ts): a card drawn with them has
 * the very pixels it has with the whole fonts, whatever its script, marks, digits or missing glyphs.
 */
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardFontsFor } from '../src/core/share-card/card-fonts.ts';
import { cardSvg, type CardInput } from '../src/core/share-card/card-svg.ts';
import { drawCards } from '../src/core/share-card/draw-cards.ts';
import { Resvg } from '../src/core/share-card/load-resvg.ts';
import { CARD_FONTS, CARD_RESVG_OPTIONS, cardDigest, drawCard } from '../src/core/share-card/render-card.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const AR_LABELS = { confirmed: 'مؤكد', unconfirmed: 'غير مؤكد', disputed: 'متنازع عليه' };
const EN_LABELS = { confirmed: 'Confirmed', unconfirmed: 'Unconfirmed', disputed: 'Disputed' };
const arabic = (title: string): CardInput => ({ title, lang: 'ar', dir: 'rtl', siteName: 'تحقيق', tally: { confirmed: 7, unconfirmed: 3, disputed: 2 }, labels: AR_LABELS });
const english = (title: string): CardInput => ({ title, lang: 'en', dir: 'ltr', siteName: 'Tahqiq', tally: { confirmed: 2, unconfirmed: 0, disputed: 1 }, labels: EN_LABELS });

const CARDS: [string, CardInput][] = [
  ['Arabic with its marks (shadda, fatha, tanwin)', arabic('مُحَمَّدٌ قالَ إنّ الغارةَ وقعتْ ليلاً في الضُّمَير')],
  ['Arabic with Latin words, digits and brackets', arabic('قالت «AP» إن 12 شخصاً (بينهم 3 أطفال) قُتلوا في 2024-03-12')],
  ['Arabic long enough to end in an ellipsis', arabic('غارة الضمير: ما الذي حدث ليلة 12 آذار 2024 وفق شهود العيان وبيانات الأمم المتحدة والمصادر الرسمية في دمشق وريفها الشرقي')],
  ['Persian and Urdu letters', arabic('گزارش پژوهش: ژاله و چهار نفر دیگر — ٹھیک ہے')],
  ['English with punctuation and accents', english('Café “Riverside” clinic: what the council’s minutes say — 2023’s closure & more')],
  ['characters neither font has (emoji, CJK)', english('A claim 🙂 about 漢字 and ✓ marks')],
];

const tempDir = tempDirs('tahqiq-card-fonts-test-');

describe('card fonts cut to the cards’ characters', () => {
  const svgs = CARDS.map(([, input]) => cardSvg(input));

  it('are a small part of the whole fonts, kept in the card cache under a folder of their own', async () => {
    const cache = tempDir();
    const fonts = await cardFontsFor(svgs, cache);
    expect(fonts).toHaveLength(CARD_FONTS.length);
    fonts.forEach((font, i) => {
      expect(path.dirname(font)).toMatch(new RegExp(`^${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/fonts-[0-9a-f]{16}$`));
      expect(path.basename(font)).toBe(path.basename(CARD_FONTS[i]!));
      expect(statSync(font).size).toBeLessThan(statSync(CARD_FONTS[i]!).size / 4);
    });
    // Asked again for the same cards: the same files, not cut again.
    const before = fonts.map((font) => statSync(font).mtimeMs);
    const again = await cardFontsFor(svgs, cache);
    expect(again).toEqual(fonts);
    expect(again.map((font) => statSync(font).mtimeMs)).toEqual(before);
  });

  for (const [i, [name]] of CARDS.entries()) {
    it(`draw the very pixels of the whole fonts: ${name}`, async () => {
      const fonts = await cardFontsFor(svgs, tempDir());
      const cut = new Resvg(svgs[i]!, { ...CARD_RESVG_OPTIONS, font: { ...CARD_RESVG_OPTIONS.font, fontFiles: [...fonts] } }).render().pixels;
      const whole = new Resvg(svgs[i]!, CARD_RESVG_OPTIONS).render().pixels;
      expect(cut.equals(whole)).toBe(true);
      expect(drawCard(svgs[i]!, fonts).equals(drawCard(svgs[i]!))).toBe(true);
    });
  }

  it('draw the very pixels of the whole fonts for any title over Arabic, Persian, Latin, marks, digits, punctuation and symbols', async () => {
    // Characters that reach a glyph the text does not name: `'` (written `&apos;` in the SVG), a letter and a mark the
    // shaper composes (ا + U+0653 is آ), a sign it decomposes (U+212B), brackets it mirrors in right-to-left text.
    const alphabet = [...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى', ...'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0653\u0654\u0655\u0670', ...'پچژگکی٠١٢٣٤٥٦٧٨٩', ...'aAzZéçßŒ0123456789\u212B\u0301', ...' .,:;!?«»“”"\'()[]{}<>—–-/&%‏‎·…؟،؛', ...'🙂✓漢€'];
    const titles = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }).map((cs) => cs.join(''));
    const inputs = fc.tuple(titles, fc.boolean()).map(([title, rtl]) => cardSvg(rtl ? arabic(title) : english(title)));
    const cache = tempDir();
    await fc.assert(
      // Cut for that one card, as a build cuts for the cards it draws.
      fc.asyncProperty(inputs, async (svg) => {
        const fonts = await cardFontsFor([svg], cache);
        expect(fonts).not.toBe(CARD_FONTS);
        const withCut = { ...CARD_RESVG_OPTIONS, font: { ...CARD_RESVG_OPTIONS.font, fontFiles: [...fonts] } };
        expect(new Resvg(svg, withCut).render().pixels.equals(new Resvg(svg, CARD_RESVG_OPTIONS).render().pixels)).toBe(true);
      }),
      { numRuns: Number(process.env['TAHQIQ_PROPERTY_RUNS'] ?? 300) / 5 },
    );
  });

  it('draw the very pixels of the whole fonts where the shaper uses a character the card does not hold', async () => {
    for (const input of [english("The council's minutes"), arabic('آخر أخبار إدلب ومؤتمر'.normalize('NFD')), arabic('قال (المسؤول'), english('Ångström \u212B'), english('\u212B\u0301 A\u0323\u030A'), arabic('أقل ≤ 5 و≪ 7 ∈ {1}')]) {
      const svg = cardSvg(input);
      const fonts = await cardFontsFor([svg], tempDir());
      expect(drawCard(svg, fonts).equals(drawCard(svg)), input.title).toBe(true);
    }
  });

  it('are kept in use while a build reuses them: another build does not remove them as stale', async () => {
    const cache = tempDir();
    const svg = cardSvg(arabic('ملف أول'));
    const first = await cardFontsFor([svg], cache);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(path.dirname(first[0]!), twoDaysAgo, twoDaysAgo);
    expect(await cardFontsFor([svg], cache)).toEqual(first);
    // Another set of cards, cut now: it removes font folders untouched for a day, not the one just reused.
    await cardFontsFor([cardSvg(english('Another build: zebra quiz'))], cache);
    expect(first.every((font) => existsSync(font))).toBe(true);
    expect(drawCard(svg, first).equals(drawCard(svg))).toBe(true);
    // Untouched for two days and not reused: removed.
    utimesSync(path.dirname(first[0]!), twoDaysAgo, twoDaysAgo);
    await cardFontsFor([cardSvg(english('Un troisième build'))], cache);
    expect(existsSync(path.dirname(first[0]!))).toBe(false);
  });

  it('are what drawCards draws with in its processes: every card the same bytes as drawn with the whole fonts', async () => {
    const cache = tempDir();
    const many = Array.from({ length: 42 }, (_, k) => svgs[k % svgs.length]!.replace('</svg>', `<text x="10" y="620" font-size="10">${k}</text></svg>`));
    const result = await drawCards(many, cache, 2);
    expect(result).toMatchObject({ drawn: 42, processes: 2 });
    const folders = readdirSync(cache).filter((name) => !name.endsWith('.png'));
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^fonts-[0-9a-f]{16}$/);
    for (const k of [0, 5, 41]) {
      const png = path.join(cache, `${cardDigest(many[k]!)}.png`);
      expect(existsSync(png)).toBe(true);
      expect(readFileSync(png).equals(drawCard(many[k]!))).toBe(true);
    }
  });
});
