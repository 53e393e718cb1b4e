import type { SourcesLock } from '../../schemas/sources-lock.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { reportExampleClaim, reportScaffoldText } from '../example-claim.ts';
import type { ProblemList } from '../problems.ts';
import { checkProvenance, factsOf, type CheckedCase, type ProvenanceResult } from './check-provenance.ts';
import { readLock, readLockEntries } from './lock-file.ts';
import { SourceTexts } from './source-texts.ts';

/**
 * What `tahqiq check` (and the content loader) verify beyond each case on its own: the example claim, draft summary
 * and placeholder publisher of `tahqiq new` left in (TQ606) and the source fingerprints against the lock (TQ600–TQ605). Problems go to `problems`.
 */
export async function verifyProvenance(options: {
  root: string;
  lockFile: string;
  cases: readonly CheckedCase[];
  problems: ProblemList;
  sources?: SourceTexts;
  /** Read only these cases' entries of the lock (readLockEntries): for a check that will not write it. The returned lock then holds no other case. */
  entriesOnly?: boolean;
  /** Folder of the lock's index (default: the project's cache, lock-index.ts). */
  cacheDir?: string | undefined;
}): Promise<{ result: ProvenanceResult; lock: SourcesLock; lockValid: boolean; lockShaped: boolean }> {
  const { root, lockFile, cases, problems } = options;
  for (const c of cases) {
    const facts = factsOf(c);
    reportExampleClaim(c.file, facts?.exampleClaim, problems);
    // Read only for the rare case that still holds them, to point at their lines.
    if (facts?.scaffoldFields?.length) reportScaffoldText(c.file, facts.scaffoldFields, await readFile(path.join(root, c.file), 'utf8'), problems);
  }
  const files = cases.map((c) => c.file);
  const { lock, valid, shaped } = options.entriesOnly
    ? { ...(await readLockEntries(root, lockFile, problems, files, options.cacheDir ? { indexDir: options.cacheDir } : {})), shaped: true }
    : await readLock(root, lockFile, problems, files);
  const result = await checkProvenance({ root, lock, cases, problems, sources: options.sources ?? new SourceTexts(root) });
  return { result, lock, lockValid: valid, lockShaped: shaped };
}
