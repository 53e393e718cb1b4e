import type { CaseHistory, ClaimChange, ClaimHistory } from '../../schemas/history.ts';
import type { ClaimVersion } from './claim-versions.ts';

/** One committed version of a case file (undefined claims: the commit deleted the file). */
export interface CaseVersion {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
  /** True for a merge: it counts as a revision only where it changed a claim from what every parent had. */
  merge: boolean;
  claims: Map<string, ClaimVersion> | undefined;
  /** The file's claims in each of the commit's parents (undefined where the file was absent): what it changed. */
  parents: (Map<string, ClaimVersion> | undefined)[];
}

/** `YYYY-MM-DD` in UTC, so a build gives the same dates on any machine. */
export function utcDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : date.toISOString().slice(0, 10);
}

/** The instant in UTC (`2026-11-29T15:18:47.000Z`), or undefined when git gave no readable date. */
function utcTime(iso: string): string | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A case's history from its committed versions, oldest first with every commit after its parents (`git log
 * --date-order`): for every claim, when it first appeared, its first status, and each later change of status,
 * statement (label) or quote, or its removal, with the commit subject as the reason. Claims added after the file's
 * first version get an `added` change.
 *
 * Each version is compared with the file in its own parents, not with the version listed before it: a branch's
 * commits, listed by date among main's, would otherwise be compared with main's and undo main's changes in the
 * history ("changed back" to wording no longer published). A merge records a change only where a claim differs from
 * what every parent had (a conflict resolved by hand); taking one side's claim as it was is no change.
 */
export function caseHistory(versions: readonly CaseVersion[], partial: boolean): CaseHistory | undefined {
  const claims = new Map<string, ClaimHistory>();
  const revised: CaseVersion[] = [];
  versions.forEach((version, index) => {
    const date = utcDay(version.date);
    const time = utcTime(version.date);
    let changed = false;
    const record = (history: ClaimHistory, kind: ClaimChange['kind'], from?: string, to?: string, statement?: string) => {
      const c: ClaimChange = { date, ...(time ? { time } : {}), revision: index + 1, commit: version.commit, reason: version.subject, kind };
      if (from !== undefined) c.from = from;
      if (to !== undefined) c.to = to;
      if (statement !== undefined) c.statement = statement;
      history.changes.push(c);
      changed = true;
    };
    const historyOf = (claim: ClaimVersion): ClaimHistory => {
      let history = claims.get(claim.id);
      if (!history) claims.set(claim.id, (history = { id: claim.id, since: date, firstStatus: claim.status, changes: [] }));
      return history;
    };
    // The parents that had the file: none when this commit created it (or a shallow clone begins here).
    const parents = version.parents.filter((p) => p !== undefined);
    const now = version.claims ?? new Map<string, ClaimVersion>();
    for (const claim of now.values()) {
      const before = parents.flatMap((p) => p.get(claim.id) ?? []);
      const known = claims.has(claim.id);
      const history = historyOf(claim);
      if (before.length === 0) {
        // New here: an addition, unless the file itself is new and the claim with it.
        if (known || parents.length > 0) record(history, 'added', undefined, claim.status);
        continue;
      }
      for (const field of ['status', 'label', 'quote'] as const) {
        if (before.every((b) => b[field] !== claim[field])) record(history, field, before[0]![field], claim[field]);
      }
    }
    // Withdrawn here: a claim every parent had that this version has not.
    const [first, ...others] = parents;
    for (const old of first?.values() ?? []) {
      if (!now.has(old.id) && others.every((p) => p.has(old.id))) record(historyOf(old), 'removed', old.status, undefined, old.label);
    }
    if (version.claims && (!version.merge || changed)) revised.push(version);
  });
  if (revised.length === 0) return undefined;
  return {
    firstPublished: utcDay(revised[0]!.date),
    lastUpdated: utcDay(revised[revised.length - 1]!.date),
    commits: revised.length,
    partial,
    claims: [...claims.values()],
  };
}
