import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { buildCase, type SourceCache } from './build-case.ts';
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
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    names = [];
  }
  // Paths in messages are relative to the root, with `/`, as editors and CI logs show them.
  const files = names.map((n) => path.relative(root, path.join(dir, n)).split(path.sep).join('/'));
  const built = await Promise.all(
    files.map(async (file) => buildCase({ root, file, markdown: await readFile(path.join(root, file), 'utf8'), problems, sources })),
  );
  const cases = built.filter((c): c is CaseEntry => c !== undefined);
  return { cases, problems, files };
}
