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

/** Builds every `*.md` case in `casesDir`, collecting all problems of all cases. */
export async function loadCases(root: string, casesDir = DEFAULT_CASES_DIR): Promise<LoadedCases> {
  const problems = new ProblemList();
  const sources: SourceCache = new Map();
  let names: string[] = [];
  try {
    names = (await readdir(path.join(root, casesDir))).filter((n) => n.endsWith('.md')).sort();
  } catch {
    names = [];
  }
  const files = names.map((n) => path.posix.join(casesDir.split(path.sep).join('/'), n));
  const built = await Promise.all(
    files.map(async (file) => buildCase({ root, file, markdown: await readFile(path.join(root, file), 'utf8'), problems, sources })),
  );
  const cases = built.filter((c): c is CaseEntry => c !== undefined);
  return { cases, problems, files };
}
