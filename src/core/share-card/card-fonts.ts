import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../replace-file.ts';
import { cutFont, HARFBUZZJS } from './cut-font.ts';
import { CARD_FONTS } from './render-card.ts';

/** Names of the card-font folders in the card cache: `fonts-<digest>`. */
const FOLDER = /^fonts-[0-9a-f]{16}$/;

/**
 * Characters of every card, whatever its text: printable ASCII (the markup, digits, the space and hyphen the shaper
 * draws for other spaces and hyphens a font lacks) and the dotted circle it draws under a mark with no letter.
 */
const ALWAYS = `${Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')}\u25CC`;

/** The five entities xmlEscape writes, and numeric references: an SVG's text as resvg reads it. */
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (svg: string) =>
  svg.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    const code = decimal ? Number(decimal) : hex ? parseInt(hex, 16) : undefined;
    if (code === undefined) return NAMED[name!.toLowerCase()] ?? whole;
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/**
 * Mirrored pairs (Unicode's Bidi_Mirroring_Glyph, the brackets and quotes a title may hold): in right-to-left text
 * the shaper draws `(` with the glyph of `)`.
 */
const MIRRORS = new Map([...'()[]{}<>«»‹›⁅⁆⁽⁾₍₎⟨⟩⟪⟫≤≥≪≫≮≯≰≱≲≳∈∋∉∌⊂⊃⊄⊅⊆⊇≺≻∕⧵〈〉《》「」『』【】〔〕（）＜＞［］｛｝'].flatMap((c, i, all) => (i % 2 === 0 ? [[c, all[i + 1]!], [all[i + 1]!, c]] : [])));

/**
 * Every character a card's text may be drawn with: its SVG's text, the entities decoded, both canonical
 * forms and the forms on the way between them (the shaper composes a letter and its marks into one glyph when the font
 * has it, and decomposes one it lacks), and the mirror of each bracket.
 */
export function cardCharacters(svgs: Iterable<string>): string {
  const characters = new Set<string>(ALWAYS);
  // The text between tags is what is drawn (the markup is ASCII); a card's site name and labels repeat in every card.
  const texts = new Set<string>();
  for (const svg of svgs) for (const [, text] of svg.matchAll(/>([^<]+)</g)) texts.add(text!);
  const add = (form: string) => {
    for (const character of form) {
      characters.add(character);
      const mirror = MIRRORS.get(character);
      if (mirror) characters.add(mirror);
    }
  };
  const clusters = new Set<string>();
  for (const written of texts) {
    // The entities' own characters are ASCII, always kept.
    const text = decode(written);
    add(text);
    add(text.normalize('NFC'));
    const decomposed = text.normalize('NFD');
    add(decomposed);
    for (const cluster of decomposed.match(/\P{M}\p{M}+/gu) ?? []) clusters.add(cluster);
  }
  // What the shaper may compose on its way, letter by mark: Å of A + ring + acute, before Ǻ.
  for (const cluster of clusters) {
    const [base, ...marks] = [...cluster];
    let prefix = base!;
    for (const mark of marks) {
      prefix += mark;
      add(prefix.normalize('NFC'));
      add(`${base}${mark}`.normalize('NFC'));
    }
  }
  return [...characters].sort().join('');
}

/**
 * The card fonts cut down to the characters of `svgs` (cardCharacters), kept in `cacheDir`: the font files to draw
 * these cards with.
 *
 * resvg-js reads a font file whole from the disk each time it needs a glyph's outline (about 150 reads a card, 30 MB
 * of the 194 kB Arabic and 630 kB Latin files). Cut to the glyphs the cards use (and what the fonts' layout rules
 * reach from them, cut-font.ts), the files are some 15–25 kB, and a card takes ~2 ms less to draw (bench/README.md).
 * The pixels are the same as with the whole fonts (tests/card-fonts.test.ts), so a card's cache key does not depend
 * on which were used.
 *
 * When the fonts cannot be cut (the subsetter fails), the whole fonts are used: the same cards, drawn more slowly.
 */
export async function cardFontsFor(svgs: Iterable<string>, cacheDir: string): Promise<readonly string[]> {
  const text = cardCharacters(svgs);
  const digest = createHash('sha256').update(HARFBUZZJS).update('\0').update(CARD_FONTS.map((f) => path.basename(f)).join(',')).update('\0').update(text).digest('hex').slice(0, 16);
  const folder = path.join(cacheDir, `fonts-${digest}`);
  const files = CARD_FONTS.map((font) => path.join(folder, path.basename(font)));
  // Kept from an earlier build: marked as in use now, so that no other build takes it for stale and removes it.
  if (files.every((file) => existsSync(file)) && touched(folder)) return files;
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

/** Sets a folder's modification time to now; false when it is gone (another build removed it meanwhile). */
function touched(folder: string): boolean {
  try {
    const now = new Date();
    utimesSync(folder, now, now);
    return true;
  } catch {
    return false;
  }
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
