import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../replace-file.ts';
import { cutFont, HARFBUZZJS } from './cut-font.ts';
import { CARD_FONTS } from './render-card.ts';

/** Names of the card-font folders in the card cache: `fonts-<digest>`. */
const FOLDER = /^fonts-[0-9a-f]{16}$/;

/**
 * The card fonts cut down to the characters of `svgs` (every character of each SVG, its markup included), kept in
 * `cacheDir`: the font files to draw these cards with.
 *
 * resvg-js reads a font file whole from the disk each time it needs a glyph's outline (about 150 reads a card, 30 MB
 * of the 194 kB Arabic and 630 kB Latin files). Cut to the glyphs the cards use (and what the fonts' layout rules
 * reach from them, cut-font.ts), the files are some 14 kB and 8 kB, and a card takes ~1 ms less to draw
 * (bench/README.md). The pixels are the same as with the whole fonts (tests/card-fonts.test.ts), so a card's cache
 * key does not depend on which were used.
 *
 * When the fonts cannot be cut (the subsetter fails), the whole fonts are used: the same cards, drawn more slowly.
 */
export async function cardFontsFor(svgs: Iterable<string>, cacheDir: string): Promise<readonly string[]> {
  const characters = new Set<string>();
  for (const svg of svgs) for (const character of svg) characters.add(character);
  const text = [...characters].sort().join('');
  const digest = createHash('sha256').update(HARFBUZZJS).update('\0').update(CARD_FONTS.map((f) => path.basename(f)).join(',')).update('\0').update(text).digest('hex').slice(0, 16);
  const folder = path.join(cacheDir, `fonts-${digest}`);
  const files = CARD_FONTS.map((font) => path.join(folder, path.basename(font)));
  if (files.every((file) => existsSync(file))) return files;
  try {
    const cut = await Promise.all(CARD_FONTS.map((font) => cutFont(readFileSync(font), text)));
    mkdirSync(folder, { recursive: true });
    cut.forEach((bytes, i) => replaceFile(files[i]!, bytes));
  } catch {
    return CARD_FONTS;
  }
  removeStaleFontFolders(cacheDir);
  return files;
}

/** A day: fonts cut this long ago belong to no build still drawing. */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Fonts cut for the cards of earlier builds, untouched for a day (a build or dev server of the same project drawing
 * right now may still read younger ones: resvg draws no text at all from a font file that has gone).
 */
function removeStaleFontFolders(cacheDir: string): void {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const folder = path.join(cacheDir, name);
    try {
      if (FOLDER.test(name) && now - statSync(folder).mtimeMs > STALE_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another build
    }
  }
}
