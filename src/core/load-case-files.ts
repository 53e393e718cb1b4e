import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { buildCase, type SourceCache } from './build-case.ts';
import { ProblemList } from './problems.ts';
import { decodeCaseFile } from './decode-case-file.ts';

/**
 * Builds only the given case files (paths from the root), as `loadCases` builds a whole folder:
 * `tahqiq check one.md` reads that case and the sources it quotes, nothing else, so it stays
 * fast in an archive of thousands of cases. Returns each file's entry (undefined when it has errors).
 */
export async function loadCaseFiles(root: string, files: readonly string[]): Promise<{ built: { file: string; entry: CaseEntry | undefined }[]; problems: ProblemList }> {
  const problems = new ProblemList();
  const sources: SourceCache = new Map();
  const results = await Promise.all(
    files.map(async (file) => {
      const own = new ProblemList();
      const bytes = await readFile(path.resolve(root, file));
      const markdown = decodeCaseFile(bytes, file, own);
      if (markdown === undefined) return { file, entry: undefined, own };
      return { file, entry: await buildCase({ root, file, markdown, problems: own, sources }), own };
    }),
  );
  for (const { own } of results) for (const p of own.items) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
  return { built: results.map(({ file, entry }) => ({ file, entry })), problems };
}
