import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from './messages.ts';
import type { SourceFailure } from './source-document.ts';

/**
 * For a source document not found (`seeds/rev-ar-watr.txt`): the file beside where it was looked for whose path is
 * closest to it, if one is close enough to be the one meant (a typo, a wrong extension). Read only on that error.
 */
function similarSourcePath(root: string, document: string): string | undefined {
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
  if (failure === 'sourceNotFound' && statSync(path.join(root, document), { throwIfNoEntry: false })?.isDirectory()) {
    return `Source document \`${document}\` is a folder, expected the text file of the document`;
  }
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
