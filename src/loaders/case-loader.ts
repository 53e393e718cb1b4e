import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { DEFAULT_CASES_DIR, loadCases } from '../core/load-cases.ts';
import { formatProblem, groupRepeated } from '../core/problems.ts';
import { caseEntrySchema } from '../schemas/case-entry.ts';

export interface CaseLoaderOptions {
  /** Folder of case files, from the project root. Default `content/cases` (or `$TAHQIQ_CASES_DIR`). */
  cases?: string;
  /** Folder of source documents, watched in dev. Default `seeds`. */
  seeds?: string;
}

/** Stops a build on content errors. The problems are already logged with their places; no stack trace is shown. */
function contentError(errors: number, warnings: number): AstroError {
  const error = new AstroError(
    `tahqiq: ${errors} content error${errors === 1 ? '' : 's'} (and ${warnings} warning${warnings === 1 ? '' : 's'}) in case files; nothing was published.`,
    'Fix each problem listed above at its file:line:column. `npm run check` lists them again without building; docs/errors.md explains every code.',
  );
  error.stack = '';
  return error;
}

/**
 * Astro content loader for case files: runs the core over every case, logs
 * every problem with its place, and stores the verified cases. In a build any
 * error stops the build; in dev the broken case is left out until it is fixed,
 * and edits to cases or sources reload it.
 */
export function caseLoader(options: CaseLoaderOptions = {}): Loader {
  const casesDir = options.cases ?? process.env['TAHQIQ_CASES_DIR'] ?? DEFAULT_CASES_DIR;
  const seedsDir = options.seeds ?? 'seeds';
  return {
    name: 'tahqiq-case-loader',
    schema: caseEntrySchema,
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root);
      const sync = async () => {
        const { cases, problems } = await loadCases(root, casesDir);
        for (const problem of groupRepeated(problems.items)) {
          (problem.severity === 'error' ? context.logger.error : context.logger.warn).call(context.logger, formatProblem(problem));
        }
        if (problems.errors.length > 0 && !context.watcher) {
          throw contentError(problems.errors.length, problems.warnings.length);
        }
        context.store.clear();
        for (const entry of cases) {
          const data = await context.parseData({ id: entry.id, data: entry });
          context.store.set({ id: entry.id, data, digest: context.generateDigest(data), filePath: entry.file });
        }
        context.logger.info(`${cases.length} case${cases.length === 1 ? '' : 's'} verified, ${cases.reduce((n, c) => n + c.claims.length, 0)} claims`);
      };
      await sync();
      const watched = [path.resolve(root, casesDir), path.resolve(root, seedsDir)];
      context.watcher?.add(watched);
      context.watcher?.on('all', (_event, changed) => {
        if (watched.some((dir) => changed.startsWith(dir + path.sep))) {
          sync().catch((error: unknown) => context.logger.error(String(error)));
        }
      });
    },
  };
}
