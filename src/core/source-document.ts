import { hash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { readIdentified, type FileRead } from './file-identity.ts';
import { assignSentenceIds, splitParagraph, type Sentence } from './segment.ts';
import { describeCharacter, findInvisible } from './invisible-text.ts';
import { closest } from './messages.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';

/** A paragraph or heading of a source document, by offsets into its text. */
export interface Block {
  kind: 'heading' | 'paragraph';
  start: number;
  end: number;
  /** 1-based line where the block starts. */
  line: number;
}

/** A source document read verbatim, split into blocks and sentences. */
export interface SourceDocument {
  /** Path from the project root, as written in the case file. */
  path: string;
  /** The whole text, decoded from UTF-8 and otherwise untouched. */
  text: string;
  /** SHA-256 of the bytes on disk, hex. */
  sha256: string;
  /** What reading those bytes found out about the file (readIdentified); none for a text not read from a file. */
  read?: FileRead | undefined;
  bytes: number;
  blocks: Block[];
  sentences: Sentence[];
  /** Offset of the start of each line, for offset → line:column. */
  lineStarts: number[];
}

/** Where an offset is, 1-based. */
export function pointAt(doc: Pick<SourceDocument, 'lineStarts'>, offset: number): Point {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: Math.max(1, offset - doc.lineStarts[lo]! + 1) };
}

/**
 * Where each line starts. The first starts after a byte order mark, which no editor shows: the first word of a file
 * saved with one is at column 1 there, and here (the mark itself is given column 1 too).
 */
export function lineStartsOf(text: string): number[] {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** A short line without closing punctuation reads as a headline or subheading. */
function looksLikeHeading(line: string): boolean {
  return !/[.!?؟…:"”»)]\s*$/u.test(line) && line.trim().split(/\s+/).length <= 20;
}

/** `.txt`: one paragraph per line. `.md`: blank-line separated blocks, `#` lines are headings; markup stays text. */
export function splitBlocks(text: string, format: 'txt' | 'md'): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: Block | undefined;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const start = offset;
    offset += raw.length + 1;
    const lead = line.length - line.trimStart().length;
    const content = line.trim();
    if (!content) {
      open = undefined;
      return;
    }
    const contentStart = start + lead;
    const contentEnd = contentStart + content.length;
    if (format === 'txt') {
      blocks.push({ kind: looksLikeHeading(content) ? 'heading' : 'paragraph', start: contentStart, end: contentEnd, line: index + 1 });
      return;
    }
    const heading = /^#{1,6}\s+/.exec(content);
    if (heading) {
      blocks.push({ kind: 'heading', start: contentStart + heading[0].length, end: contentEnd, line: index + 1 });
      open = undefined;
    } else if (open) {
      open.end = contentEnd;
    } else {
      open = { kind: 'paragraph', start: contentStart, end: contentEnd, line: index + 1 };
      blocks.push(open);
    }
  });
  return blocks;
}

const TAG_LIKE = /(?:<\/?[^<>\s]{1,30}>|[^\s<>]{1,30}>)(?:\s*(?:<\/?[^<>\s]{1,30}>|[^\s<>]{1,30}>))*/gu;

/** Reports text that looks like a broken HTML tag; it is kept and shown as literal text. */
function reportMangledTags(doc: SourceDocument, problems: ProblemList): void {
  // Every match ends in `>`; most sources have none, and the scan tries 30 characters at each one (0.27 ms a source).
  if (!doc.text.includes('>')) return;
  for (const match of doc.text.matchAll(TAG_LIKE)) {
    problems.add('mangledTag', doc.path, pointAt(doc, match.index),
      `Found \`${excerpt(match[0], 30)}\` in the source: looks like a mangled tag; it is published as literal text`);
  }
}

/** Why a source document could not be used. */
/**
 * For a source document not found (`seeds/rev-ar-watr.txt`): the file beside where it was looked for whose path is
 * closest to it, if one is close enough to be the one meant (a typo, a wrong extension). Read only on that error.
 */
export function similarSourcePath(root: string, document: string): string | undefined {
  const folder = path.posix.dirname(document);
  let names: string[];
  try {
    names = readdirSync(path.join(root, folder), { withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return undefined;
  }
  const guess = closest(path.posix.basename(document), names);
  return guess === undefined ? undefined : `${folder}/${guess}`;
}

/** What a source document that cannot be used is, in a problem's words: `Source document \`x\` ${what}`. */
export function sourceFailureMessage(root: string, document: string, failure: SourceFailure): string {
  const what = {
    sourceNotFound: 'not found',
    sourceEncoding: 'is not valid UTF-8 text',
    sourceOutsideSeeds: 'is outside `seeds/`',
    sourceControls: 'holds control characters (binary, or bidi controls)',
  }[failure];
  const guess = failure === 'sourceNotFound' ? similarSourcePath(root, document) : undefined;
  const utf16 = (failure === 'sourceEncoding' || failure === 'sourceControls') && looksLikeUtf16(path.join(root, document));
  return `Source document \`${document}\` ${what}${guess ? ` (did you mean \`${guess}\`?)` : ''}${utf16 ? ': it looks like UTF-16 text, expected UTF-8 (convert a copy with `iconv -f UTF-16 -t UTF-8`, keeping the original alongside)' : ''}`;
}

/**
 * A file saved as UTF-16 (Windows' "Unicode"): a byte order mark `FF FE` or `FE FF`, or most of every other byte of its
 * start `00` or `06`, the high bytes of Latin and Arabic letters in UTF-16. Read only for a source refused for its bytes.
 */
function looksLikeUtf16(file: string): boolean {
  const head = Buffer.alloc(512);
  let length = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      length = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  if (length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  // The high byte of each character: 00 for Latin letters, digits and spaces, 06 for Arabic letters.
  // The other byte of each character (the letter itself) is hardly ever 00: a file padded with zeros is not UTF-16.
  const high = [0, 0];
  const nul = [0, 0];
  for (let i = 0; i < length; i++) {
    if (head[i] === 0x00 || head[i] === 0x06) high[i % 2]!++;
    if (head[i] === 0x00) nul[i % 2]!++;
  }
  const half = length / 2;
  return length >= 8 && [0, 1].some((p) => high[p]! >= half * 0.6 && nul[1 - p]! <= half * 0.1);
}

export type SourceFailure = 'sourceNotFound' | 'sourceEncoding' | 'sourceOutsideSeeds' | 'sourceControls';

/**
 * Reads a source document byte for byte. Fails when it is missing, outside `seeds/` or not UTF-8;
 * the caller reports that at the case file that points at it.
 */
export async function readSourceDocument(
  root: string,
  documentPath: string,
  lang: string,
  problems: ProblemList,
): Promise<SourceDocument | SourceFailure> {
  // Only evidence in seeds/ is ever read and published: no `..`, no link pointing elsewhere.
  const seeds = path.resolve(root, 'seeds');
  const target = path.resolve(root, documentPath);
  if (!target.startsWith(seeds + path.sep)) return 'sourceOutsideSeeds';
  let bytes: Buffer;
  let read: FileRead;
  try {
    const realTarget = realpathSync(target);
    if (!realTarget.startsWith(realpathSync(seeds) + path.sep)) return 'sourceOutsideSeeds';
    ({ bytes, ...read } = readIdentified(realTarget));
  } catch {
    return 'sourceNotFound';
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'sourceEncoding';
  }
  // Valid UTF-8 can still be binary (NUL…) or hide bidi controls: reported where they are, never published.
  const controls = findInvisible(text).filter((f) => f.kind !== 'invisibleCharacter');
  if (controls.length > 0) {
    const lineStarts = lineStartsOf(text);
    for (const c of controls.slice(0, 3)) {
      problems.add('sourceControls', documentPath, pointAt({ lineStarts }, c.offset),
        `Unexpected ${c.kind === 'bidiControl' ? 'bidi control' : 'control character'} ${describeCharacter(c.char)} in the source${controls.length > 3 ? ` (${controls.length} in all)` : ''}, expected text`);
    }
    return 'sourceControls';
  }
  const doc = parseSourceText(documentPath, text, lang, problems, hash('sha256', bytes, 'hex'), bytes.length);
  doc.read = read;
  return doc;
}

/** Splits decoded source text into blocks and sentences. */
export function parseSourceText(
  documentPath: string,
  text: string,
  lang: string,
  problems: ProblemList,
  sha256 = hash('sha256', text, 'hex'),
  bytes = Buffer.byteLength(text),
): SourceDocument {
  const blocks = splitBlocks(text, documentPath.endsWith('.md') ? 'md' : 'txt');
  // A line break inside a block (a wrapped .md paragraph) is a space to the segmenter, not a sentence end; same length, same offsets.
  const ranges = blocks.flatMap((block) =>
    splitParagraph(text.slice(block.start, block.end).replace(/[\r\n]/g, ' '), lang).map((r) => ({ start: block.start + r.start, end: block.start + r.end })),
  );
  const doc: SourceDocument = {
    path: documentPath,
    text,
    sha256,
    bytes,
    blocks,
    sentences: assignSentenceIds(ranges, text),
    lineStarts: lineStartsOf(text),
  };
  reportMangledTags(doc, problems);
  return doc;
}
