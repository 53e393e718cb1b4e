import { limitMarkup } from './markup-limits.ts';
import type { ProblemList } from './problems.ts';

/**
 * The case file's text as the markdown parser should see it: old Mac line endings (a lone CR)
 * become LF, which keeps every offset, line and column (YAML and our line splitting would
 * otherwise see one long line); markup beyond the parser's safe limits is reported and left out.
 */
export function prepareMarkdown(text: string, file: string, problems: ProblemList): string {
  return limitMarkup(text.replace(/\r(?!\n)/g, '\n'), file, problems);
}
