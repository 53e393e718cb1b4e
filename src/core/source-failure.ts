import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from './messages.ts';
import { looksLikeUtf16 } from './utf16-sniff.ts';
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
    sourceEmpty: 'holds no text (no letter or digit), expected the document as published',
  }[failure];
  if (failure === 'sourceNotFound' && statSync(path.join(root, document), { throwIfNoEntry: false })?.isDirectory()) {
    return `Source document \`${document}\` is a folder, expected the text file of the document`;
  }
  const guess = failure === 'sourceNotFound' ? similarSourcePath(root, document) : undefined;
  const utf16 = (failure === 'sourceEncoding' || failure === 'sourceControls') && fileLooksLikeUtf16(path.join(root, document));
  return `Source document \`${document}\` ${what}${guess ? ` (did you mean \`${guess}\`?)` : ''}${utf16 ? ': it looks like UTF-16 text, expected UTF-8 (convert a copy with `iconv -f UTF-16 -t UTF-8`, keeping the original alongside)' : ''}`;
}

/** The start of a file, for the UTF-16 sniff: read only for a source refused for its bytes. */
function fileLooksLikeUtf16(file: string): boolean {
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
  return looksLikeUtf16(head.subarray(0, length));
}
