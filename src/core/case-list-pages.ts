/**
 * The site's list of cases, newest review first, in pages: the home page holds the newest `CASES_PER_PAGE`,
 * `/page/2/`, `/page/3/`… the older ones. At 4,000 cases one list page was ~11 MB of HTML; a page of 50 is
 * ~140 KB, and search covers every case.
 */
export const CASES_PER_PAGE = 50;

/** What the list needs to order a case. */
export interface ListedCase {
  id: string;
  reviewed: string;
}

export interface CaseListPage<T> {
  /** 1 for the home page. */
  number: number;
  /** How many list pages there are (at least 1, even with no case). */
  count: number;
  cases: T[];
}

/** Newest review first; cases reviewed the same day by id (deterministic). */
export function newestFirst<T extends ListedCase>(cases: readonly T[]): T[] {
  return [...cases].sort((a, b) => b.reviewed.localeCompare(a.reviewed) || a.id.localeCompare(b.id));
}

/** The list pages, newest cases first. */
export function caseListPages<T extends ListedCase>(cases: readonly T[], perPage = CASES_PER_PAGE): CaseListPage<T>[] {
  const sorted = newestFirst(cases);
  const count = Math.max(1, Math.ceil(sorted.length / perPage));
  return Array.from({ length: count }, (_, i) => ({ number: i + 1, count, cases: sorted.slice(i * perPage, (i + 1) * perPage) }));
}

/** A list page's path below the site's base: '' for the home page, `page/<n>/` for the others. */
export function caseListPath(number: number): string {
  return number <= 1 ? '' : `page/${number}/`;
}
