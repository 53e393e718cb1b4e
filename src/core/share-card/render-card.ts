import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { CARD_WIDTH } from './card-svg.ts';

const require = createRequire(import.meta.url);

/** Fonts from npm packages (Noto Sans Arabic and Noto Sans, OFL), never the machine's: every machine draws the same card. */
export const CARD_FONTS = [
  '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
].map((f) => require.resolve(f));

/** Bump when the renderer or its settings change, so cached cards are redrawn. */
const RENDERER = `resvg-js@${(require('@resvg/resvg-js/package.json') as { version: string }).version};fonts=${CARD_FONTS.map((f) => path.basename(f)).join(',')};v1`;

export interface RenderedCard {
  png: Buffer;
  /** Content digest of the SVG and the renderer: the cache key. */
  digest: string;
  cached: boolean;
  ms: number;
}

/**
 * Renders a card SVG to PNG with resvg (rustybuzz shaping, so Arabic joins and runs right to left),
 * caching by content digest in `cacheDir`: an unchanged card is read back, not drawn again.
 */
export function renderCard(svg: string, cacheDir: string): RenderedCard {
  const started = performance.now();
  const digest = createHash('sha256').update(RENDERER).update('\0').update(svg).digest('hex');
  const file = path.join(cacheDir, `${digest}.png`);
  try {
    return { png: readFileSync(file), digest, cached: true, ms: performance.now() - started };
  } catch {
    // not cached yet
  }
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: CARD_WIDTH },
    font: { loadSystemFonts: false, fontFiles: CARD_FONTS, defaultFontFamily: 'Noto Sans' },
  })
    .render()
    .asPng();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, png);
  return { png, digest, cached: false, ms: performance.now() - started };
}
