import type { Nodes, Root } from 'mdast';
import { isScalar, visit, type Document } from 'yaml';
import { eachNode } from './each-node.ts';
import { describeCharacter, findInvisible, INVISIBLE_KIND_NAMES } from './invisible-text.ts';
import { offsetToPoint } from './messages.ts';
import type { Point, ProblemList } from './problems.ts';

/**
 * The characters `reportInvisibleText` looks for, written as escapes: a YAML escape in a double-quoted value
 * (`"\u202E"`, `"\0"`, `"\e"`) or a markdown character reference (`&#x202E;`, `&lrm;`) is the character itself
 * once parsed, and is published as such. A check of the raw text alone would let a bidi override (Trojan Source),
 * a NUL or an ESC through; each is reported where its escape is written, as the character would be.
 */

function report(problems: ProblemList, file: string, place: () => Point, decoded: string, written: string): void {
  for (const { kind, char } of findInvisible(decoded)) {
    problems.add(kind, file, place(), `Unexpected ${INVISIBLE_KIND_NAMES[kind]} ${describeCharacter(char)}, written as \`${written}\`, expected visible text`);
  }
}

/** YAML's one-letter escapes that stand for a character the checks look at (the others are ordinary text). */
const YAML_LETTERS: Record<string, number> = { '0': 0, a: 7, b: 8, e: 0x1b, v: 0x0b, f: 0x0c, N: 0x85 };
const YAML_ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))/g;

/**
 * Reports the escapes of a parsed YAML document's double-quoted values that stand for bidi controls, control
 * characters, invisible characters or half a surrogate pair. `text` is what was parsed, `base` the place of its first character.
 */
export function reportYamlEscapes(doc: Document, text: string, base: Point, file: string, problems: ProblemList): void {
  if (!text.includes('\\')) return;
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const [from, to] = node.range;
      const raw = text.slice(from, to);
      if (!raw.includes('\\')) return;
      // The escapes, in order: a surrogate escape is text only as half of a pair written as two escapes, `\ud83d\ude92`.
      const escapes = [...raw.matchAll(YAML_ESCAPE)].map((match) => {
        const [written, x, u, bigU, letter] = match;
        const hex = x ?? u ?? bigU;
        return { written, at: match.index, code: hex !== undefined ? Number.parseInt(hex, 16) : letter !== undefined ? YAML_LETTERS[letter] : undefined };
      });
      const high = (i: number): boolean => { const c = escapes[i]?.code; return c !== undefined && c >= 0xd800 && c <= 0xdbff; };
      const low = (i: number): boolean => { const c = escapes[i]?.code; return c !== undefined && c >= 0xdc00 && c <= 0xdfff; };
      const adjacent = (i: number): boolean => escapes[i]!.at + escapes[i]!.written.length === escapes[i + 1]?.at;
      for (const [i, { written, at, code }] of escapes.entries()) {
        if (code === undefined) continue;
        const place = () => offsetToPoint(text, from + at, base);
        if (code >= 0xd800 && code <= 0xdfff) {
          const paired = high(i) ? low(i + 1) && adjacent(i) : high(i - 1) && adjacent(i - 1);
          if (!paired) {
            problems.add('controlCharacter', file, place(), `Unexpected unpaired surrogate \`${written}\` (half of a character, not text), expected a whole character: \`\\U0001F600\` or the character itself`);
          }
          continue;
        }
        if (code > 0x10ffff) continue;
        report(problems, file, place, String.fromCodePoint(code), written);
      }
    },
  });
}

/** Named character references that stand for an invisible character (none stands for a bidi control or a C0 control). */
const NAMED: Record<string, number> = {
  shy: 0xad, lrm: 0x200e, rlm: 0x200f, ZeroWidthSpace: 0x200b, NegativeVeryThinSpace: 0x200b, NegativeThinSpace: 0x200b,
  NegativeMediumSpace: 0x200b, NegativeThickSpace: 0x200b, NoBreak: 0x2060, af: 0x2061, ApplyFunction: 0x2061,
  it: 0x2062, InvisibleTimes: 0x2062, ic: 0x2063, InvisibleComma: 0x2063,
};
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** What markdown makes of a numeric character reference (CommonMark: controls, surrogates and noncharacters become U+FFFD). */
function numericReference(code: number): number {
  const replaced = code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) || (code > 0xd7ff && code < 0xe000)
    || (code > 0xfdcf && code < 0xfdf0) || (code & 0xffff) === 0xffff || (code & 0xffff) === 0xfffe || code > 0x10ffff;
  return replaced ? 0xfffd : code;
}

/**
 * Reports the character references of a markdown (or MDX) file that stand for bidi controls or invisible characters.
 * `literal` lists the [start, end) offsets where a reference is text as written (code, the frontmatter), skipped.
 */
export function reportCharacterReferences(text: string, literal: [number, number][], file: string, problems: ProblemList): void {
  if (!text.includes('&')) return;
  for (const match of text.matchAll(REFERENCE)) {
    const at = match.index;
    if (literal.some(([from, to]) => at >= from && at < to)) continue;
    let slashes = 0;
    while (text[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    const [written, hex, decimal, name] = match;
    const referenced = hex !== undefined ? Number.parseInt(hex, 16) : decimal !== undefined ? Number.parseInt(decimal, 10) : undefined;
    const code = referenced !== undefined ? numericReference(referenced) : NAMED[name!];
    if (code === undefined) continue;
    const place = () => offsetToPoint(text, at, { line: 1, column: 1 });
    if (referenced !== undefined && code === 0xfffd && referenced !== 0xfffd) {
      // A control, half a surrogate or a noncharacter: markdown publishes `�` in its place, and the text is changed unseen.
      const what = referenced <= 0x10ffff ? describeCharacter(String.fromCodePoint(referenced)) : 'no character';
      problems.add('controlCharacter', file, place(), `Unexpected \`${written}\`, a reference to ${what}, which is not text (it would be published as \`\uFFFD\`), expected visible text`);
      continue;
    }
    report(problems, file, place, String.fromCodePoint(code), written);
  }
}

/** Where a markdown tree keeps text as written, character references included: code, raw HTML (reported on its own) and the frontmatter. */
export function literalRanges(root: Root): [number, number][] {
  const ranges: [number, number][] = [];
  eachNode(root, (node: Nodes) => {
    if (node.type !== 'code' && node.type !== 'inlineCode' && node.type !== 'html' && node.type !== 'yaml') return;
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from !== undefined && to !== undefined) ranges.push([from, to]);
  });
  return ranges;
}
