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
  // By old id, the id a claim was renamed to: another line of work may still have it under its old id (a branch from
  // before the rename, a rename cherry-picked), and it is the same claim there.
  const renamedTo = new Map<string, string>();
  /** The id a claim that some parent had under `id` is known by now (its latest name, where it was renamed). */
  const currentId = (id: string): string => {
    const seen = new Set<string>();
    while (!claims.has(id) && renamedTo.has(id) && !seen.has(id)) {
      seen.add(id);
      id = renamedTo.get(id)!;
    }
    return id;
  };
  versions.forEach((version, index) => {
    const date = utcDay(version.date);
    const time = utcTime(version.date);
    let changed = false;
    // The parents that had the file: none when this commit created it (or a shallow clone begins here).
    const parents = version.parents.filter((p) => p !== undefined);
    const now = version.claims ?? new Map<string, ClaimVersion>();
    const record = (history: ClaimHistory, kind: ClaimChange['kind'], from?: string, to?: string, statement?: string) => {
      const c: ClaimChange = { date, ...(time ? { time } : {}), revision: index + 1, commit: version.commit, reason: version.subject, kind };
      if (from !== undefined) c.from = from;
      if (to !== undefined) c.to = to;
      if (statement !== undefined) c.statement = statement;
      history.changes.push(c);
      changed = true;
    };
    /** The history of a claim the parents had (under its id, or one it was renamed from), else a new one. */
    const historyOf = (claim: ClaimVersion): ClaimHistory => {
      let history = claims.get(claim.id) ?? (parents.some((p) => p.has(claim.id)) ? claims.get(currentId(claim.id)) : undefined);
      if (!history) {
        renamedTo.delete(claim.id); // a new claim under an id once renamed away: its own history
        claims.set(claim.id, (history = { id: claim.id, since: date, firstStatus: claim.status, changes: [] }));
      }
      return history;
    };
    /** The claim as a parent had it: under its id, or else under an id it had before it was renamed (on another line). */
    const inParent = (p: Map<string, ClaimVersion>, id: string): ClaimVersion | undefined =>
      p.get(id) ?? claims.get(id)?.formerIds?.map((former) => p.get(former)).find((c) => c !== undefined);
    // Withdrawn here: a claim every parent had that this version has not. Added here: the reverse, in a file that was there.
    const [first, ...others] = parents;
    // (Not a claim renamed before, on another line, that this version has under its new id.)
    const withdrawn = [...(first?.values() ?? [])].filter((old) => !now.has(old.id) && !now.has(currentId(old.id)) && others.every((p) => p.has(old.id)));
    const added = parents.length === 0 ? [] : [...now.values()].filter((claim) => !claims.has(claim.id) && parents.every((p) => !p.has(claim.id)));
    const renamed = renamedClaims(withdrawn, added);
    for (const claim of now.values()) {
      const formerly = renamed.get(claim.id);
      const before = formerly ? [formerly] : parents.flatMap((p) => inParent(p, claim.id) ?? []);
      const known = claims.has(claim.id);
      if (formerly) {
        // One claim under a new id: it keeps its history, and the page keeps its old id as an anchor.
        const history = historyOf(formerly);
        claims.delete(formerly.id);
        const formerIds = [...(history.formerIds ?? []), formerly.id].filter((id) => id !== claim.id);
        claims.set(claim.id, { ...history, id: claim.id, ...(formerIds.length > 0 ? { formerIds } : {}) });
        renamedTo.set(history.id, claim.id);
        renamedTo.delete(claim.id);
      }
      const history = historyOf(claim);
      if (before.length === 0) {
        // New here: an addition, unless the file itself is new and the claim with it. A file new on this line that another
        // line already had (its first commit cherry-picked, a shallow clone's second boundary commit) adds back only the
        // claims withdrawn since; the others it has as they were.
        if (parents.length > 0 || (known && history.changes.at(-1)?.kind === 'removed')) record(history, 'added', undefined, claim.status);
        continue;
      }
      for (const field of ['status', 'label', 'quote'] as const) {
        if (before.every((b) => b[field] !== claim[field])) record(history, field, before[0]![field], claim[field]);
      }
    }
    const renamedFrom = new Set([...renamed.values()]);
    for (const old of withdrawn) if (!renamedFrom.has(old)) record(historyOf(old), 'removed', old.status, undefined, old.label);
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

/**
 * The claims of one commit that were renamed, not withdrawn and added: by new id, the claim as it was under its old
 * one. A claim added and one withdrawn are one claim when they have the same quote (or, failing that, the same
 * statement) and no other claim added or withdrawn in the commit has it: an editor renamed the id, perhaps rewording
 * the statement or changing the verdict with it, and readers should see that change, not a retraction.
 */
function renamedClaims(withdrawn: readonly ClaimVersion[], added: readonly ClaimVersion[]): Map<string, ClaimVersion> {
  const renamed = new Map<string, ClaimVersion>();
  if (withdrawn.length === 0 || added.length === 0) return renamed;
  const taken = new Set<ClaimVersion>();
  for (const field of ['quote', 'label'] as const) {
    for (const claim of added) {
      if (renamed.has(claim.id) || claim[field] === '') continue;
      const olds = withdrawn.filter((old) => !taken.has(old) && old[field] === claim[field]);
      const alike = added.filter((other) => !renamed.has(other.id) && other[field] === claim[field]);
      if (olds.length === 1 && alike.length === 1) {
        renamed.set(claim.id, olds[0]!);
        taken.add(olds[0]!);
      }
    }
  }
  return renamed;
}
