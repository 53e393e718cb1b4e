import path from 'node:path';
import type { CaseHistory } from '../../schemas/history.ts';
import { setBrokenCases } from '../dev-problems.ts';
import type { ProblemList } from '../problems.ts';
import type { ProvenanceFacts } from './case-passages.ts';
import { DEFAULT_LOCK_FILE } from './lock-file.ts';
import { readHistories } from './read-history.ts';
import { verifyProvenance } from './verify.ts';

/** A case that built, as the build-wide checks need it: its id and the provenance facts of its entry. */
export interface BuiltCase {
  id: string;
  facts: ProvenanceFacts;
}

/**
 * The workflow checks a build adds to the per-case ones, in one call from the content loader:
 * the example claim left in (TQ606), source fingerprints against content/sources.lock.json (TQ600–TQ605,
 * so an orphaned or unaccepted passage fails `astro build` as it fails `tahqiq check`), and each case's
 * verdict history from git, returned by case id (none outside git). Cases that did not build are
 * listed for the dev server (src/core/dev-problems.ts), whose pages show their problems.
 */
export async function checkForBuild(options: {
  root: string;
  casesDir: string;
  /** Every case file read (paths from the root), built or not. */
  files: readonly string[];
  /** The cases that built. */
  cases: readonly BuiltCase[];
  problems: ProblemList;
  /** Build-log lines (history notices). */
  log: (message: string) => void;
  lockFile?: string;
}): Promise<Map<string, CaseHistory>> {
  const { root, cases, problems } = options;
  // By id (the file name): a case kept from an earlier build may carry the path it was first read from.
  const byId = new Map(cases.map((c) => [c.id, c]));
  const builtOf = (file: string) => byId.get(path.basename(file, '.md'));
  await verifyProvenance({
    root,
    lockFile: options.lockFile ?? process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE,
    cases: options.files.map((file) => ({ file, facts: builtOf(file)?.facts })),
    problems,
  });
  setBrokenCases(
    options.files
      .filter((file) => !builtOf(file))
      .map((file) => ({ id: path.basename(file, '.md'), file, problems: problems.items.filter((p) => p.file === file) })),
  );
  const histories = await readHistories({ root, casesDir: options.casesDir });
  if (histories.notice) options.log(histories.notice);
  const byCase = new Map<string, CaseHistory>();
  for (const file of options.files) {
    const built = builtOf(file);
    const history = histories.byFile.get(file);
    if (built && history) byCase.set(built.id, history);
  }
  return byCase;
}
