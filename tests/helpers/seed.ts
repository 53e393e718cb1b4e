import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProblemList } from '../../src/core/problems.ts';
import { parseSourceText, type SourceDocument } from '../../src/core/source-document.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_PATH = 'seeds/000_1433950eee1a8d90.txt';

/** The seed's text, read byte for byte from `seeds/`. */
export function seedText(): string {
  return readFileSync(new URL(`../../${SEED_PATH}`, import.meta.url), 'utf8');
}

/** Parses source text as the build does, returning the document and its problems. */
export function parse(text: string, lang = 'ar', path = SEED_PATH): { doc: SourceDocument; problems: ProblemList } {
  const problems = new ProblemList();
  return { doc: parseSourceText(path, text, lang, problems), problems };
}

/** The 1-based source line a sentence starts on. */
export function lineOf(doc: SourceDocument, offset: number): number {
  return doc.text.slice(0, offset).split('\n').length;
}
