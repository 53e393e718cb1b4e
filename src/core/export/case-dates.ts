import type { CaseEntry } from '../../schemas/case-entry.ts';

/** What the dates of a case are read from: its `reviewed` date and, in a git checkout, its history. */
export type DatedCase = Pick<CaseEntry, 'reviewed'> & { history?: Pick<NonNullable<CaseEntry['history']>, 'firstPublished' | 'lastUpdated' | 'partial'> | undefined };

/**
 * When the case last changed, `YYYY-MM-DD`: its last review or its latest commit, whichever is later. A correction
 * committed without a new `reviewed` date is shown on the page ("Last updated", "Updates and corrections"); the
 * feed, the sitemap and the structured data say the same date, so feed readers and search engines learn of it.
 */
export function lastModified(entry: DatedCase): string {
  const updated = entry.history?.lastUpdated;
  return updated && updated > entry.reviewed ? updated : entry.reviewed;
}

/**
 * When the case was first published, `YYYY-MM-DD`, as its page says ("First published": the first commit of its file);
 * the `reviewed` date outside git, or in a shallow clone, whose first commit may be later than the truth.
 */
export function firstPublished(entry: DatedCase): string {
  const history = entry.history;
  return history && !history.partial ? history.firstPublished : entry.reviewed;
}
