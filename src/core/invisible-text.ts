import type { Point, ProblemList } from './problems.ts';

/**
 * Characters that change what text looks like without being seen (Trojan Source, CVE-2021-42574).
 *
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make a title read the
 *   opposite of what it says: an error anywhere in a case file or a source document.
 * - Control characters (C0 except tab and line breaks, DEL, C1): an error; in a source document they mean
 *   the file is binary, not text.
 * - Invisible characters (zero-width space, word joiner, bidi marks, soft hyphen, BOM inside the text,
 *   fillers, tag characters): a warning, since they cannot reorder text but can hide a difference
 *   between two words that look the same. ZWJ and ZWNJ (U+200C, U+200D) are ordinary in Arabic,
 *   Persian and emoji and are allowed.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
export const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200E\u200F\u2060-\u2064\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;

const ANY = new RegExp(`${BIDI_CONTROL.source}|${CONTROL.source}|${INVISIBLE.source}`, 'gu');
const NAMES: Record<string, string> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING', '\u202B': 'RIGHT-TO-LEFT EMBEDDING', '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE', '\u202E': 'RIGHT-TO-LEFT OVERRIDE', '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE', '\u2068': 'FIRST STRONG ISOLATE', '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u200B': 'ZERO WIDTH SPACE', '\u200E': 'LEFT-TO-RIGHT MARK', '\u200F': 'RIGHT-TO-LEFT MARK', '\u061C': 'ARABIC LETTER MARK',
  '\u2060': 'WORD JOINER', '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE', '\u00AD': 'SOFT HYPHEN', '\u0000': 'NUL', '\u001B': 'ESCAPE',
};

/** `U+202E RIGHT-TO-LEFT OVERRIDE`: how a character is named in messages. */
export function describeCharacter(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[ch];
  return name ? `${code} ${name}` : code;
}

/**
 * Marks that show only on a character (diacritics, tanween, variation selectors) and the braille blank (U+2800,
 * drawn as nothing): text made of them alone shows no word.
 */
const NO_WORD_ALONE = /[\p{M}\uFE00-\uFE0F\u2800\u{E0100}-\u{E01EF}]/gu;

/** A character a reader can see: none of the above, no space, no ZWJ or ZWNJ, no mark standing for no word. */
const VISIBLE = new RegExp(`[^${[BIDI_CONTROL, CONTROL, INVISIBLE, NO_WORD_ALONE].map((r) => r.source.slice(1, -1)).join('')}\\s\\u200C\\u200D]`, 'u');

/** Text with something a reader can see: not only spaces, invisible characters, controls or marks with no letter. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

export type InvisibleKind = 'bidiControl' | 'controlCharacter' | 'invisibleCharacter';

/** Every invisible or control character in `text`, with its kind and 1-based place (columns in UTF-16 units, as editors and the parser count). */
export function findInvisible(text: string): { kind: InvisibleKind; char: string; place: Point; offset: number }[] {
  const found: { kind: InvisibleKind; char: string; place: Point; offset: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(ANY)) {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = match.index;
    const char = match[0];
    const kind = BIDI_CONTROL.test(char) ? 'bidiControl' : CONTROL.test(char) ? 'controlCharacter' : 'invisibleCharacter';
    found.push({ kind, char, place: { line, column: match.index - lineStart + 1 }, offset: match.index });
  }
  return found;
}

/** What each kind of character is called in a problem's message. */
export const INVISIBLE_KIND_NAMES: Record<InvisibleKind, string> = {
  bidiControl: 'invisible bidi control',
  controlCharacter: 'control character',
  invisibleCharacter: 'invisible character',
};

/** Reports each invisible or control character of a case file where it is written. */
export function reportInvisibleText(text: string, file: string, problems: ProblemList): void {
  for (const { kind, char, place } of findInvisible(text)) {
    problems.add(kind, file, place, `Unexpected ${INVISIBLE_KIND_NAMES[kind]} ${describeCharacter(char)}, expected visible text`);
  }
}

/**
 * Makes text safe to print in a terminal or log: control characters (ESC sequences that recolour or
 * rewrite the terminal), bidi controls and invisible characters are shown as `<U+XXXX>`.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(ANY, (ch) => (ch === '\n' || ch === '\t' ? ch : `<${describeCharacter(ch).split(' ')[0]}>`));
}
