import type { CaseHistory, ClaimChange, ClaimHistory } from '../../schemas/history.ts';
import type { ClaimVersion } from './claim-versions.ts';

/** One committed version of a case file (undefined claims: the commit deleted the file). */
export interface CaseVersion {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
  /** True for a merge. */
  merge: boolean;
  /**
   * True for a version of HEAD's first-parent line, which readers were shown; its `parents` then hold its first
   * parent alone. Other versions are commits of other lines of work, read to name the commit behind a change a merge
   * publishes.
   */
  published: boolean;
  /** For a published merge: the commits of other lines of work it brings. */
  brings?: ReadonlySet<string>;
  claims: Map<string, ClaimVersion> | undefined;
  /** The file's claims in the commit's parents (undefined where the file was absent): what it changed. */
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

/** What one version changed in a claim, against its parents: as `ClaimChange` without the commit. */
interface ClaimLineChange {
  /** The claim's id in this version (its last id, for a withdrawn claim). */
  id: string;
  kind: ClaimChange['kind'];
  from?: string;
  to?: string;
  statement?: string;
  /** The claim as this version has it (as it was, for a withdrawn claim). */
  claim: ClaimVersion;
}

/** A claim this version has under a new id: one claim still, with its history (renamedClaims). */
interface RenamedClaim {
  id: string;
  kind: 'renamed';
  to?: undefined;
  claim: ClaimVersion;
  /** The claim as the parent had it under its old id. */
  renamedFrom: ClaimVersion;
}

type LineChange = ClaimLineChange | RenamedClaim;

/**
 * A case's history along HEAD's first-parent line, oldest first (`git log --date-order`): for every claim, when it
 * first appeared, its first status, and each later change of status, statement (label) or quote, or its removal,
 * with the commit subject as the reason. Claims added after the file's first version get an `added` change.
 *
 * Each published version is compared with its first parent: the history is what readers were shown, version after
 * version. A branch's commits are not published until a merge brings them; each change a merge brings is dated at the
 * merge and listed under the latest commit the merge brings that made that same change (its subject is the reason),
 * else under the merge itself (a conflict resolved by hand, or a merge that took the other side's claim over one
 * published on this line). A branch's change that no merge published (overridden in the merge, or still on its
 * branch) is no part of the history: readers never saw it.
 */
export function caseHistory(versions: readonly CaseVersion[], partial: boolean): CaseHistory | undefined {
  const claims = new Map<string, ClaimHistory>();
  // The published versions of the file (not the commits that deleted it).
  const revised: CaseVersion[] = [];
  // Changes made on other lines of work, oldest first; each names at most one change a merge publishes.
  const offLine: { change: LineChange; version: CaseVersion; used?: true }[] = [];
  versions.forEach((version, index) => {
    if (!version.published) {
      for (const change of lineChanges(version.parents, version.claims)) offLine.push({ change, version });
      return;
    }
    const [first] = version.parents;
    const now = version.claims;
    const date = utcDay(version.date);
    /**
     * The commit a change is listed under (its subject the reason): for a merge, the latest commit it brings from another
     * line that made the same change (to the claim under its id, or one it had before a rename), else the merge itself.
     */
    const madeBy = (change: LineChange): CaseVersion => {
      if (!version.merge) return version;
      const ids = [change.id, ...(claims.get(change.id)?.formerIds ?? [])];
      const made = offLine.findLast((o) => !o.used && version.brings?.has(o.version.commit) !== false && ids.includes(o.change.id) && o.change.kind === change.kind && o.change.to === change.to);
      if (!made) return version;
      made.used = true;
      return made.version;
    };
    const historyOf = (claim: ClaimVersion, since: string): ClaimHistory => {
      let history = claims.get(claim.id);
      if (!history) claims.set(claim.id, (history = { id: claim.id, since, firstStatus: claim.status, changes: [] }));
      return history;
    };
    if (first === undefined) {
      // The file is new on this line (or a shallow clone begins here): its claims are published with it. A file deleted
      // and then restored adds its claims back, each an addition.
      const restored = revised.length > 0;
      for (const claim of now?.values() ?? []) {
        const history = historyOf(claim, date);
        if (restored) record(history, { id: claim.id, kind: 'added', to: claim.status, claim }, version, version.date, index);
      }
    }
    const changes = first === undefined ? [] : lineChanges([first], now);
    for (const change of changes) {
      if (change.kind === 'renamed') {
        // One claim under a new id: it keeps its history, and the page keeps its old id as an anchor.
        const formerly = change.renamedFrom;
        const history = historyOf(formerly, date);
        claims.delete(formerly.id);
        const formerIds = [...(history.formerIds ?? []), formerly.id].filter((id) => id !== change.id);
        claims.set(change.id, { ...history, id: change.id, ...(formerIds.length > 0 ? { formerIds } : {}) });
        continue;
      }
      // Dated at this version: a branch's change reached readers with the merge that published it.
      record(historyOf(change.claim, date), change, madeBy(change), version.date, index);
    }
    // Every version readers were shown is a revision: one that changed no claim (reasoning, notes), and a merge.
    if (now) revised.push(version);
  });
  if (revised.length === 0) return undefined;
  return {
    firstPublished: utcDay(revised[0]!.date),
    // The latest date, not the last version's: a commit may be dated before its parent (a committer's clock set wrong),
    // and "last updated" must not go back in time.
    lastUpdated: revised.map((v) => utcDay(v.date)).sort().at(-1)!,
    commits: revised.length,
    partial,
    claims: [...claims.values()],
  };
}

/** Adds a change to a claim's history, listed under `madeBy` (its commit and subject), on `date`, at version `index`. */
function record(history: ClaimHistory, change: ClaimLineChange, madeBy: CaseVersion, date: string, index: number): void {
  const time = utcTime(date);
  const c: ClaimChange = { date: utcDay(date), ...(time ? { time } : {}), revision: index + 1, commit: madeBy.commit, reason: madeBy.subject, kind: change.kind };
  if (change.from !== undefined) c.from = change.from;
  if (change.to !== undefined) c.to = change.to;
  if (change.statement !== undefined) c.statement = change.statement;
  history.changes.push(c);
}

/**
 * What a version changed in its claims against its parents (for a published version, its first parent alone): a
 * claim renamed, added, changed (status, statement, quote) or withdrawn. With several parents (a merge off the
 * published line), only what differs from every parent: taking one side's claim as it was is no change.
 * A version with no parent that had the file (it created the file) changed nothing.
 */
function lineChanges(parents: readonly (Map<string, ClaimVersion> | undefined)[], claims: Map<string, ClaimVersion> | undefined): LineChange[] {
  const had = parents.filter((p) => p !== undefined);
  if (had.length === 0) return [];
  const now = claims ?? new Map<string, ClaimVersion>();
  const [first, ...others] = had;
  const withdrawn = [...first!.values()].filter((old) => !now.has(old.id) && others.every((p) => p.has(old.id)));
  const added = [...now.values()].filter((claim) => had.every((p) => !p.has(claim.id)));
  const renamed = renamedClaims(withdrawn, added);
  const changes: LineChange[] = [];
  for (const claim of now.values()) {
    const formerly = renamed.get(claim.id);
    if (formerly) changes.push({ id: claim.id, kind: 'renamed', claim, renamedFrom: formerly });
    const before = formerly ? [formerly] : had.flatMap((p) => p.get(claim.id) ?? []);
    if (before.length === 0) {
      changes.push({ id: claim.id, kind: 'added', to: claim.status, claim });
      continue;
    }
    for (const field of ['status', 'label', 'quote'] as const) {
      if (before.every((b) => b[field] !== claim[field])) changes.push({ id: claim.id, kind: field, from: before[0]![field], to: claim[field], claim });
    }
  }
  const renamedFrom = new Set(renamed.values());
  for (const old of withdrawn) if (!renamedFrom.has(old)) changes.push({ id: old.id, kind: 'removed', from: old.status, statement: old.label, claim: old });
  return changes;
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
