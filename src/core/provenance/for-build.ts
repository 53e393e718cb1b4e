import type { CaseEntry } from '../../schemas/case-entry.ts';
import path from 'node:path';
import { setBrokenCases } from '../dev-problems.ts';
import type { ProblemList } from '../problems.ts';
import { DEFAULT_LOCK_FILE } from './lock-file.ts';
import { readHistories } from './read-history.ts';
import { verifyProvenance } from './verify.ts';

/**
 * The workflow checks a build adds to the per-case ones, in one call from the content loader:
 * the example claim left in (TQ606), source fingerprints against content/sources.lock.json (TQ600–TQ605,
 * so an orphaned or unaccepted passage fails `astro build` as it fails `tahqiq check`), and each case's
 * verdict history from git, set on its entry as `history` (absent outside git). Cases that did not build are
 * listed for the dev server (src/core/dev-problems.ts), whose pages show their problems.
 */
export async function checkForBuild(options: {
  root: string;
  casesDir: string;
  /** Every case file read (paths from the root), built or not. */
  files: readonly string[];
  /** The cases that built; each gets its `history`. */
  cases: CaseEntry[];
  problems: ProblemList;
  /** Build-log lines (history notices). */
  log: (message: string) => void;
  lockFile?: string;
}): Promise<void> {
  const { root, cases, problems } = options;
  // By id (the file name): an entry kept from an earlier build may carry the path it was first read from.
  const byId = new Map(cases.map((c) => [c.id, c]));
  const entryOf = (file: string) => byId.get(path.basename(file, '.md'));
  await verifyProvenance({
    root,
    lockFile: options.lockFile ?? process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE,
    cases: options.files.map((file) => ({ file, entry: entryOf(file) })),
    problems,
  });
  setBrokenCases(
    options.files
      .filter((file) => !entryOf(file))
      .map((file) => ({ id: path.basename(file, '.md'), file, problems: problems.items.filter((p) => p.file === file) })),
  );
  const histories = await readHistories({ root, casesDir: options.casesDir });
  if (histories.notice) options.log(histories.notice);
  for (const file of options.files) {
    const entry = entryOf(file);
    if (!entry) continue;
    const history = histories.byFile.get(file);
    // Set or cleared every build: a kept entry must not show the history of another checkout.
    if (history) entry.history = history;
    else delete entry.history;
  }
}
