import path from 'node:path';
import type { CaseHistory } from '../../schemas/history.ts';
import { setBrokenCases } from '../dev-problems.ts';
import type { ProblemList } from '../problems.ts';
import type { ProvenanceFacts } from './case-passages.ts';
import { CleanCases, type CleanCase } from './clean-cases.ts';
import { DEFAULT_LOCK_FILE } from './lock-file.ts';
import { defaultIndexDir } from './lock-index.ts';
import { readHistories } from './read-history.ts';
import { reportUnexplainedRevisions } from './unexplained-revisions.ts';
import { reportUnusedRevisions } from './unused-revisions.ts';
import { verifyProvenance } from './verify.ts';

/** A case that built, as the build-wide checks need it. */
export interface BuiltCase {
  id: string;
  /** Its key in the verified-case cache (changes with the case file, each source it read and the tool). */
  key: string;
  /** Source document path → SHA-256, as the case read them. */
  documents: Record<string, string>;
  /** The provenance facts of its entry; read only for a case that is checked against the lock. */
  facts: () => ProvenanceFacts;
  /** The commits its frontmatter `revisions` gives readers a reason for (hash prefixes). */
  revisions?: readonly string[];
}

/** How many cases were checked against the lock, and how many were found clean by the last build and left as they were. */
export interface LockCheckCount {
  checked: number;
  remembered: number;
}

/**
 * The workflow checks a build adds to the per-case ones, in one call from the content loader:
 * the example claim left in (TQ606), source fingerprints against content/sources.lock.json (TQ600–TQ605,
 * so an orphaned or unaccepted passage fails `astro build` as it fails `tahqiq check`), and each case's
 * verdict history from git, returned by case id (none outside git), with the reasons `revisions` gives for commits it
 * does not list (TQ607). Cases that did not build are listed for the dev server (src/core/dev-problems.ts), whose pages show their problems.
 *
 * With `tool` (the tool digest), and unless `fresh`, the cases the last build found clean, unchanged since and under
 * the same lock, are not checked again and their lock entries are not read (clean-cases.ts); without it every case is.
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
  tool?: string | undefined;
  /** Check every case, whatever the last build found (a build without earlier records: cold, or `--force`); the clean ones are stored for the next. */
  fresh?: boolean;
  /** Folder of the clean cases and the lock's index (default: the project's cache). */
  cacheDir?: string;
}): Promise<{ histories: Map<string, CaseHistory>; lock: LockCheckCount }> {
  const { root, cases, problems } = options;
  // By id (the file name): a case kept from an earlier build may carry the path it was first read from.
  const byId = new Map(cases.map((c) => [c.id, c]));
  const builtOf = (file: string) => byId.get(path.basename(file, '.md'));
  const lockFile = options.lockFile ?? process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE;
  const cacheDir = options.cacheDir ?? defaultIndexDir(root);
  const clean = options.tool ? new CleanCases(cacheDir, path.resolve(root, lockFile), options.tool, !options.fresh) : undefined;
  const cleanOf = (built: BuiltCase): CleanCase => ({ key: built.key, documents: built.documents });
  const remembered: Record<string, CleanCase> = Object.create(null) as Record<string, CleanCase>;
  const toCheck: string[] = [];
  for (const file of options.files) {
    const built = builtOf(file);
    if (built && clean?.has(file, cleanOf(built))) remembered[file] = cleanOf(built);
    else toCheck.push(file);
  }
  if (toCheck.length > 0) {
    const before = problems.items.length;
    const { result, lock, lockValid } = await verifyProvenance({
      root,
      lockFile,
      cases: toCheck.map((file) => ({ file, facts: builtOf(file)?.facts() })),
      problems,
      // Only these cases' entries: the lock's index (lock-index.ts) reads them without parsing the rest.
      entriesOnly: true,
      cacheDir,
    });
    // A changed source or a missing entry comes with a problem; passages out of date with the lock do not.
    const withProblems = new Set([...problems.items.slice(before).map((p) => p.file), ...result.stale.map((s) => s.file)]);
    if (clean && lockValid) {
      for (const file of toCheck) {
        const built = builtOf(file);
        const entry = lock.cases[file];
        if (!built || !entry || withProblems.has(file)) continue;
        // Every source the entry records is one the case reads now, so its key covers them all.
        if (Object.keys(entry.sources).every((document) => Object.hasOwn(built.documents, document))) remembered[file] = cleanOf(built);
      }
      clean.save(remembered);
    }
  }
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
    if (!built || !history) continue;
    byCase.set(built.id, history);
    if (built.revisions?.length) reportUnusedRevisions({ root, file, revisions: built.revisions, history, problems });
    reportUnexplainedRevisions({ file, revisions: built.revisions, history, problems });
  }
  return { histories: byCase, lock: { checked: toCheck.length, remembered: options.files.length - toCheck.length } };
}
