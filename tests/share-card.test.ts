/**
 * The share card's drawing path (src/core/share-card/): the PNG it writes holds exactly the pixels resvg
 * draws on its default path, is a well-formed PNG that resvg's decoder and Chromium both read, and
 * drawCards fills the cache renderCard reads, in child processes.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, type CardInput } from '../src/core/share-card/card-svg.ts';
import { drawCards } from '../src/core/share-card/draw-cards.ts';
import { encodePng } from '../src/core/share-card/encode-png.ts';
import { Resvg } from '../src/core/share-card/load-resvg.ts';
import { CARD_FONTS, cardDigest, drawCard, renderCard } from '../src/core/share-card/render-card.ts';
import { ARTIFACTS, launch } from './helpers/browser.ts';
import { tempDirs } from './helpers/temp-dirs.ts';

const AR_LABELS = { confirmed: 'مؤكد', unconfirmed: 'غير مؤكد', disputed: 'متنازع عليه' };
const EN_LABELS = { confirmed: 'Confirmed', unconfirmed: 'Unconfirmed', disputed: 'Disputed' };
const ARABIC: CardInput = {
  title: 'غارة الضمير: ما الذي حدث ليلة 12 آذار 2024 وفق شهود العيان وبيانات الأمم المتحدة والمصادر الرسمية في دمشق',
  lang: 'ar',
  dir: 'rtl',
  siteName: 'تحقيق',
  tally: { confirmed: 7, unconfirmed: 3, disputed: 2 },
  labels: AR_LABELS,
};
const ENGLISH: CardInput = {
  title: 'Riverside clinic: what the council minutes say about the 2023 closure',
  lang: 'en',
  dir: 'ltr',
  siteName: 'Tahqiq',
  tally: { confirmed: 2, unconfirmed: 0, disputed: 1 },
  labels: EN_LABELS,
};

/** resvg's own path, as the card was drawn before: default render (with its final copy), RGBA pixels. */
const reference = (svg: string) => new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH }, font: { loadSystemFonts: false, fontFiles: CARD_FONTS, defaultFontFamily: 'Noto Sans' } }).render();

/** Decodes a PNG with resvg's decoder (the `png` crate): draws it 1:1, nearest neighbour, on an empty canvas. */
function decode(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="optimizeSpeed" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

/** FNV-1a, 32 bits, over bytes: the same digest the browser test computes in the page. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193) >>> 0;
  return hash;
}

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}
function chunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: crc32(png.subarray(at + 4, at + 8 + length)) === png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

const tempDir = tempDirs('tahqiq-cards-test-');

describe('drawing a share card', () => {
  for (const [name, input] of [
    ['Arabic', ARABIC],
    ['English', ENGLISH],
  ] as const) {
    it(`draws the ${name} card with exactly the pixels of resvg's default path, as a 1200×630 palette PNG`, () => {
      const svg = cardSvg(input);
      const png = drawCard(svg);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, `share-card-${input.lang}.png`), png);
      const expected = reference(svg);
      expect(decode(png, CARD_WIDTH, CARD_HEIGHT).equals(expected.pixels)).toBe(true);
      // …and it is smaller than what resvg's encoder writes.
      expect(png.length).toBeLessThan(expected.asPng().length);
    });
  }

  it('writes a well-formed PNG: signature, IHDR first (1200×630, 8-bit, indexed), a palette, IDAT, IEND last, every CRC right', () => {
    const png = drawCard(cardSvg(ARABIC));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const ihdr = list[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([CARD_WIDTH, CARD_HEIGHT, 8, 3, 0, 0, 0]);
    expect(list[1]!.data.length % 3).toBe(0);
    expect(list[1]!.data.length / 3).toBeLessThanOrEqual(256);
  });

  it('shows in Chromium as a 1200×630 image with the same pixels', async () => {
    const png = drawCard(cardSvg(ENGLISH));
    const expected = reference(cardSvg(ENGLISH)).pixels;
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const pixels = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        // A digest of the pixels (FNV-1a over the bytes): 3 MB of numbers through the DevTools protocol take a minute.
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let hash = 0x811c9dc5;
        for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i]!, 0x01000193) >>> 0;
        return { width: img.naturalWidth, height: img.naturalHeight, hash };
      }, `data:image/png;base64,${png.toString('base64')}`);
      expect([pixels.width, pixels.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      expect(pixels.hash).toBe(fnv1a(expected));
    } finally {
      await browser.close();
    }
  });
});

describe('encodePng', () => {
  const pixel = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
  const opaque = (width: number, height: number, colours: number[][]) => {
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([...colours[i % colours.length]!, 255], i * 4);
    return rgba;
  };

  it('round-trips any opaque image through resvg’s PNG decoder, with a palette up to 256 colours and RGB beyond', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.array(pixel, { minLength: 1, maxLength: 400 }), (width, height, colours) => {
        const rgba = opaque(width, height, colours);
        const png = encodePng(rgba, width, height);
        const distinct = new Set(Array.from({ length: width * height }, (_, i) => colours[i % colours.length]!.join())).size;
        expect(png[25]).toBe(distinct <= 256 ? 3 : 2);
        expect(decode(png, width, height).equals(Buffer.from(rgba))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps transparency as RGBA with straight alpha', () => {
    // Premultiplied, as tiny-skia draws: 50% red over nothing, and a fully transparent pixel.
    const rgba = new Uint8Array([128, 0, 0, 128, 0, 0, 0, 0, 0, 0, 255, 255, 10, 20, 30, 255]);
    const png = encodePng(rgba, 2, 2);
    expect(png[25]).toBe(6);
    const back = decode(png, 2, 2);
    // resvg premultiplies again when it draws the image: within one step of rounding.
    for (let i = 0; i < rgba.length; i++) expect(Math.abs(back[i]! - rgba[i]!)).toBeLessThanOrEqual(1);
  });

  it('refuses pixels that do not match the size given', () => {
    expect(() => encodePng(new Uint8Array(12), 2, 2)).toThrow('Unexpected 12 bytes of pixels, expected 2×2×4 = 16');
  });
});

describe('drawCards', () => {
  const inputs = Array.from({ length: 48 }, (_, i): CardInput => (i % 2 ? { ...ENGLISH, title: `${ENGLISH.title} (${i})` } : { ...ARABIC, title: `${i} ${ARABIC.title.slice(0, 40 + i)}` }));
  const svgs = inputs.map(cardSvg);

  it('draws every card into the cache in two processes, so renderCard reads each back instead of drawing it', async () => {
    const cache = tempDir();
    const result = await drawCards([...svgs, svgs[0]!], cache, 2);
    expect(result).toMatchObject({ drawn: svgs.length, cached: 1, processes: 2 });
    expect(readdirSync(cache).filter((name) => name.endsWith('.png')).sort()).toEqual(svgs.map((svg) => `${cardDigest(svg)}.png`).sort());
    for (const i of [0, 1, 47]) {
      const card = renderCard(svgs[i]!, cache);
      expect(card.cached).toBe(true);
      expect(card.png.equals(drawCard(svgs[i]!))).toBe(true);
    }
  });

  it('draws only what the cache lacks, in this thread when that is little', async () => {
    const cache = tempDir();
    await drawCards(svgs.slice(0, 3), cache, 2);
    const result = await drawCards(svgs.slice(0, 5), cache, 2);
    expect(result).toMatchObject({ drawn: 2, cached: 3, processes: 1 });
    expect(svgs.slice(0, 5).every((svg) => existsSync(path.join(cache, `${cardDigest(svg)}.png`)))).toBe(true);
  });

  it('reports a card resvg cannot draw instead of leaving it out', async () => {
    await expect(drawCards(['<svg'], tempDir(), 1)).rejects.toThrow();
  });
});
