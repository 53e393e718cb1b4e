import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg, type ResvgRenderOptions } from './load-resvg.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './card-svg.ts';
import { encodePng } from './encode-png.ts';
import { packageVersion } from '../package-version.ts';
import { replaceFile } from '../replace-file.ts';

const require = createRequire(import.meta.url);

/** Fonts from npm packages (Noto Sans Arabic and Noto Sans, OFL), never the machine's: every machine draws the same card. */
export const CARD_FONTS = [
  '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
].map((f) => require.resolve(f));

/** Bump when the renderer, its settings or the PNG encoding change, so cached cards are redrawn. */
const RENDERER = `resvg-js@${packageVersion('@resvg/resvg-js')};fonts=${CARD_FONTS.map((f) => path.basename(f)).join(',')};png=palette-rle6;v2`;

/** Where a project keeps drawn cards between builds (cleared with node_modules). */
export function cardCacheDir(root: string = process.cwd()): string {
  return path.resolve(root, 'node_modules/.cache/tahqiq-cards');
}

/**
 * resvg settings for a card. `crop` with a zero width is deliberate: resvg-js 2.6 copies the whole
 * picture through `Pixmap::clone_rect` after drawing whenever its crop rectangle is valid, and that copy
 * costs more than drawing the card (~25 ms at 1200×630); an empty rectangle skips it and keeps the full
 * picture (tests/share-card.test.ts checks that the pixels are those of the default path).
 */
export const CARD_RESVG_OPTIONS: ResvgRenderOptions = {
  fitTo: { mode: 'width', value: CARD_WIDTH },
  font: { loadSystemFonts: false, fontFiles: CARD_FONTS, defaultFontFamily: 'Noto Sans' },
  crop: { left: 0, top: 0, right: 0 },
};

/** The cache key of a card: a digest of its SVG and of the renderer. */
export function cardDigest(svg: string): string {
  return createHash('sha256').update(RENDERER).update('\0').update(svg).digest('hex');
}

/**
 * Draws a card SVG to PNG with resvg (rustybuzz shaping, so Arabic joins and runs right to left), no cache. `fonts`:
 * CARD_FONTS, or those fonts cut down to the card's characters (card-fonts.ts), which draw the same pixels.
 */
export function drawCard(svg: string, fonts: readonly string[] = CARD_FONTS): Buffer {
  const options = fonts === CARD_FONTS ? CARD_RESVG_OPTIONS : { ...CARD_RESVG_OPTIONS, font: { ...CARD_RESVG_OPTIONS.font, fontFiles: [...fonts] } };
  const image = new Resvg(svg, options).render();
  if (image.width !== CARD_WIDTH || image.height !== CARD_HEIGHT) {
    throw new Error(`Unexpected card size ${image.width}×${image.height}, expected ${CARD_WIDTH}×${CARD_HEIGHT}: check the renderer settings in src/core/share-card/render-card.ts`);
  }
  return encodePng(image.pixels, image.width, image.height);
}

/** Writes a drawn card into the cache under its digest (write, then rename: a reader never sees half a file). */
export function storeCard(cacheDir: string, digest: string, png: Uint8Array): void {
  mkdirSync(cacheDir, { recursive: true });
  replaceFile(path.join(cacheDir, `${digest}.png`), png);
}

export interface RenderedCard {
  png: Buffer;
  /** Content digest of the SVG and the renderer: the cache key. */
  digest: string;
  cached: boolean;
  ms: number;
}

/**
 * Renders a card SVG to PNG, caching by content digest in `cacheDir`: an unchanged card is read back,
 * not drawn again (`drawCards` fills the same cache ahead of time, in child processes).
 */
export function renderCard(svg: string, cacheDir: string): RenderedCard {
  const started = performance.now();
  const digest = cardDigest(svg);
  try {
    const png = readFileSync(path.join(cacheDir, `${digest}.png`));
    // Cut short or overwritten outside the build (a damaged cache restore): drawn again, never published.
    if (isWholePng(png)) return { png, digest, cached: true, ms: performance.now() - started };
  } catch {
    // not cached yet
  }
  const png = drawCard(svg);
  storeCard(cacheDir, digest, png);
  return { png, digest, cached: false, ms: performance.now() - started };
}

/** A PNG's first 8 bytes, and its last 12: the empty `IEND` chunk that ends every PNG, with its CRC. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Whether `bytes` begin and end as a PNG does: a file cut short (or not a PNG) does not. */
export function isWholePng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length + PNG_END.length && PNG_SIGNATURE.equals(bytes.subarray(0, 8)) && PNG_END.equals(bytes.subarray(-12));
}
