import { reportInvisibleText } from './invisible-text.ts';
import { limitMarkup } from './markup-limits.ts';
import type { ProblemList } from './problems.ts';

/**
 * The case file's text as the markdown parser should see it: old Mac line endings (a lone CR)
 * become LF, which keeps every offset, line and column (YAML and our line splitting would
 * otherwise see one long line); invisible and control characters are reported where they are; markup beyond the parser's safe limits is reported and left out.
 */
export function prepareMarkdown(text: string, file: string, problems: ProblemList): string {
  const markdown = text.replace(/\r(?!\n)/g, '\n');
  reportInvisibleText(markdown, file, problems);
  return limitMarkup(markdown, file, problems);
}
