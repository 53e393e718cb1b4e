import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { buildCase, type SourceCache } from './build-case.ts';
import { listCaseFiles } from './case-files.ts';
import { failedCase } from './internal-error.ts';
import { ProblemList } from './problems.ts';

/** Where a project keeps its case files, relative to the project root. */
export const DEFAULT_CASES_DIR = 'content/cases';

export interface LoadedCases {
  cases: CaseEntry[];
  problems: ProblemList;
  /** Case files read, relative to the root. */
  files: string[];
}

/** Builds every `*.md` case in `casesDir` (relative to `root`, or absolute), collecting all problems of all cases. */
export async function loadCases(root: string, casesDir = DEFAULT_CASES_DIR): Promise<LoadedCases> {
  const problems = new ProblemList();
  const sources: SourceCache = new Map();
  const dir = path.resolve(root, casesDir);
  const shownDir = path.relative(root, dir).split(path.sep).join('/') || '.';
  const names = await listCaseFiles(dir, shownDir, problems);
  if (!names) {
    problems.add('casesFolder', shownDir, { line: 1, column: 1 }, `Unexpected missing folder \`${shownDir}\`, expected a folder of case files`);
    return { cases: [], problems, files: [] };
  }
  if (names.length === 0) {
    problems.add('casesFolder', shownDir, { line: 1, column: 1 }, `Unexpected empty folder \`${shownDir}\`, expected at least one \`.md\` case file`);
  }
  // Paths in messages are relative to the root, with `/`, as editors and CI logs show them.
  const files = names.map((n) => path.relative(root, path.join(dir, n)).split(path.sep).join('/'));
  // Each case collects its own problems (cases build in parallel), merged in file order afterwards.
  const built = await Promise.all(
    files.map(async (file) => {
      const own = new ProblemList();
      const bytes = await readFile(path.join(root, file));
      let markdown: string;
      try {
        markdown = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        own.add('caseEncoding', file, { line: 1, column: 1 }, `Unexpected bytes in \`${file}\`, expected UTF-8 text`);
        return { entry: undefined, own };
      }
      return { entry: await buildCase({ root, file, markdown, problems: own, sources }), own };
    }).map((work, i) => work.catch((error: unknown) => failedCase(error, files[i]!))), // a bug in one file never stops the others
  );
  for (const { own } of built) for (const p of own.items) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
  const cases = built.map((b) => b.entry).filter((c): c is CaseEntry => c !== undefined);
  return { cases, problems, files };
}
