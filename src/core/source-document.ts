import { hash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { readIdentified, type FileRead } from './file-identity.ts';
import { assignSentenceIds, splitParagraph, type Sentence } from './segment.ts';
import { describeCharacter, findInvisible } from './invisible-text.ts';
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
export type SourceFailure = 'sourceNotFound' | 'sourceEncoding' | 'sourceOutsideSeeds' | 'sourceControls' | 'sourceEmpty';

/**
 * Reads a source document byte for byte. Fails when it is missing, outside `seeds/`, not UTF-8 or holds no words;
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
  // Empty, or only spaces and punctuation: no quote can be found in it, and saying why beats "quote not found".
  if (!/[\p{L}\p{N}]/u.test(text)) return 'sourceEmpty';
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
