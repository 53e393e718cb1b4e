import type { CaseHistory, ClaimChange, ClaimHistory } from '../../schemas/history.ts';
import type { ClaimVersion } from './claim-versions.ts';

/** One committed version of a case file (undefined claims: the commit deleted the file). */
export interface CaseVersion {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
  claims: Map<string, ClaimVersion> | undefined;
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
 * A case's history from its committed versions, oldest first: for every claim, when it first appeared, its
 * first status, and each later change of status, statement (label) or quote, or its removal, with the commit
 * subject as the reason. Claims added after the first version get an `added` change.
 */
export function caseHistory(versions: readonly CaseVersion[], partial: boolean): CaseHistory | undefined {
  const present = versions.filter((v) => v.claims);
  if (present.length === 0) return undefined;
  const claims = new Map<string, ClaimHistory>();
  let previous: Map<string, ClaimVersion> | undefined;
  versions.forEach((version, index) => {
    const date = utcDay(version.date);
    const time = utcTime(version.date);
    const change = (kind: ClaimChange['kind'], from?: string, to?: string, statement?: string): ClaimChange => {
      const c: ClaimChange = { date, ...(time ? { time } : {}), revision: index + 1, commit: version.commit, reason: version.subject, kind };
      if (from !== undefined) c.from = from;
      if (to !== undefined) c.to = to;
      if (statement !== undefined) c.statement = statement;
      return c;
    };
    const now = version.claims ?? new Map<string, ClaimVersion>();
    for (const claim of now.values()) {
      const before = previous?.get(claim.id);
      const history = claims.get(claim.id);
      if (!history) {
        const h: ClaimHistory = { id: claim.id, since: date, firstStatus: claim.status, changes: [] };
        if (index > 0 && previous !== undefined) h.changes.push(change('added', undefined, claim.status));
        claims.set(claim.id, h);
        continue;
      }
      if (!before) {
        history.changes.push(change('added', undefined, claim.status));
        continue;
      }
      if (before.status !== claim.status) history.changes.push(change('status', before.status, claim.status));
      if (before.label !== claim.label) history.changes.push(change('label', before.label, claim.label));
      if (before.quote !== claim.quote) history.changes.push(change('quote', before.quote, claim.quote));
    }
    if (previous) {
      for (const old of previous.values()) if (!now.has(old.id)) claims.get(old.id)!.changes.push(change('removed', old.status, undefined, old.label));
    }
    previous = version.claims ? now : undefined;
  });
  return {
    firstPublished: utcDay(present[0]!.date),
    lastUpdated: utcDay(present[present.length - 1]!.date),
    commits: present.length,
    partial,
    claims: [...claims.values()],
  };
}
