import { ProblemList } from './problems.ts';

/**
 * An unexpected failure while processing one file (a bug, not a content problem), reported at
 * that file as TQ900 in one line (the error's name and message, never a stack trace); the file
 * is not published and the other files are still processed.
 */
export function failedCase(error: unknown, file: string): { entry: undefined; own: ProblemList } {
  const own = new ProblemList();
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  own.add('internalError', file, { line: 1, column: 1 },
    `Internal error while checking \`${file}\`: ${what.split('\n')[0]!.slice(0, 200)}; the file was not published`);
  return { entry: undefined, own };
}

/** True when a run hit an internal error; the CLI exits 3 then (src/cli/usage.ts), not 1. */
export function hasInternalError(problems: ProblemList): boolean {
  return problems.items.some((p) => p.name === 'internalError');
}
