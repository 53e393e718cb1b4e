import type { CaseHistory } from '../../schemas/history.ts';
import type { ProblemList } from '../problems.ts';
import { namesCommit } from './public-reasons.ts';

/**
 * The commits that changed a claim with no message (`git commit --allow-empty-message`) and no reason in the case
 * file's `revisions`: "Updates and corrections" would list the change with no reason for it. Each is reported
 * (TQ608) at the top of the file, with the line to add.
 */
export function reportUnexplainedRevisions(options: {
  /** Case file path from the project root. */
  file: string;
  revisions: readonly string[] | undefined;
  history: CaseHistory;
  problems: ProblemList;
}): void {
  const keys = options.revisions ?? [];
  const silent = new Map<string, string>();
  for (const change of options.history.claims.flatMap((c) => c.changes)) {
    if (change.reason.trim() !== '' || keys.some((key) => namesCommit(key, change.commit))) continue;
    silent.set(change.commit, change.date);
  }
  for (const [commit, date] of silent) {
    const hash = commit.slice(0, 7);
    options.problems.add('unexplainedRevision', options.file, { line: 1, column: 1 },
      `Unexpected commit \`${hash}\` (${date}) with no message: it changed claims, and "Updates and corrections" would list it with no reason, expected a reason in the frontmatter, \`revisions:\` then \`  ${hash}: <why the claims changed>\``);
  }
}
