import type { ProblemList } from './problems.ts';
import { looksLikeUtf16 } from './utf16-sniff.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A case file's text, or undefined with one problem (TQ109) when its bytes are not UTF-8. A file saved as UTF-16 is
 * said to be one: its Latin text is valid UTF-8 with a NUL after every letter, which would be hundreds of problems.
 */
export function decodeCaseFile(bytes: Uint8Array, file: string, problems: ProblemList): string | undefined {
  const utf16 = looksLikeUtf16(bytes.subarray(0, 512));
  if (!utf16) {
    try {
      return UTF8.decode(bytes);
    } catch {
      // reported below
    }
  }
  problems.add('caseEncoding', file, { line: 1, column: 1 }, utf16
    ? `Unexpected UTF-16 text in \`${file}\` (Windows' "Unicode"), expected UTF-8 (\`iconv -f UTF-16 -t UTF-8\` converts a copy)`
    : `Unexpected bytes in \`${file}\`, expected UTF-8 text`);
  return undefined;
}
