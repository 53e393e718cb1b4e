import type { LoaderContext } from 'astro/loaders';
import { formatProblem, type Problem } from '../core/problems.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';

/** The content store of cases as the loader uses it, in a build and in the dev server. */

/** Logs a problem at its severity, with its place (the dev server's log, where a build prints its report). */
export function logProblem(context: LoaderContext, problem: Problem): void {
  (problem.severity === 'error' ? context.logger.error : context.logger.warn).call(context.logger, formatProblem(problem));
}

/** A case's summary as stored (by an earlier build, or earlier in this dev session). */
export function storedSummary(context: LoaderContext, id: string): CaseSummary | undefined {
  const data = context.store.get(id)?.data as CaseSummary | undefined;
  // A store written by an older version holds whole entries, without a key: those are verified again.
  return data && typeof data.key === 'string' ? data : undefined;
}

/**
 * Stores a case's summary. The core builds it of the schema's own type (CaseSummary is inferred from
 * caseSummarySchema), so it is not parsed again here. The store skips a summary whose digest it already
 * has: the key covers the case file, every source it read and the tool; the history changes with git.
 */
export async function store(context: LoaderContext, summary: CaseSummary): Promise<void> {
  const digest = context.generateDigest(`${summary.key} ${JSON.stringify(summary.history ?? null)}`);
  context.store.set({ id: summary.id, data: summary as unknown as Record<string, unknown>, digest, filePath: summary.file });
}
