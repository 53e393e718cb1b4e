import type { CaseHistory } from '../../schemas/history.ts';

/**
 * A case's history with the reasons its file gives readers (frontmatter `revisions`, by commit hash prefix) in place of
 * the subjects of those commits: a subject is written in the newsroom, often in its language, for its colleagues.
 */
export function withPublicReasons(history: CaseHistory, revisions: Readonly<Record<string, string>> | undefined): CaseHistory {
  if (!revisions) return history;
  const byPrefix = Object.entries(revisions).map(([commit, reason]) => [commit.toLowerCase(), reason] as const);
  const reasonOf = (commit: string) => byPrefix.find(([prefix]) => commit.startsWith(prefix))?.[1];
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
