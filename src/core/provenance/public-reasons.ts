import type { CaseHistory } from '../../schemas/history.ts';

/**
 * A case's history with the reasons its file gives readers (frontmatter `revisions`, by commit hash prefix) in place of
 * the subjects of those commits: a subject is written in the newsroom, often in its language, for its colleagues.
 */
export function withPublicReasons(history: CaseHistory, revisions: Readonly<Record<string, string>> | undefined): CaseHistory {
  if (!revisions) return history;
  const keyed = Object.entries(revisions);
  const reasonOf = (commit: string) => keyed.find(([key]) => namesCommit(key, commit))?.[1];
  return {
    ...history,
    claims: history.claims.map((claim) => ({
      ...claim,
      changes: claim.changes.map((change) => {
        const reason = reasonOf(change.commit);
        return reason === undefined ? change : { ...change, reason };
      }),
    })),
  };
}

/** Whether a `revisions` key (a hash prefix, in any letter case) names `commit` (a full hash, lower case). */
export function namesCommit(key: string, commit: string): boolean {
  return commit.startsWith(key.toLowerCase());
}
