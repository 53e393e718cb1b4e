import path from 'node:path';
import { listCaseFiles } from './case-files.ts';
import { ProblemList, type Problem } from './problems.ts';
import { checkTranslations, type TranslatedCase } from './translations.ts';

/** What `astro dev` knows of a case that builds on its own: what the check reads of it, and what the loader keeps. */
export interface LinkedCase {
  summary: TranslatedCase;
}

/** What recheckTranslations found. */
export interface Rechecked<C extends LinkedCase> {
  /** The problems of the check, in file order. */
  problems: Problem[];
  /** Each case checked that failed, with its problems: a build would not publish it. */
  failed: [C, Problem[]][];
  /** The unpublished cases checked that passed: to be published. */
  passed: C[];
}

/**
 * `translations:` checked again in `astro dev` after cases were edited or deleted, by the build's own check. A case
 * passes or fails by its own links and by what the cases it links to say, so an edit can change the outcome only for
 * the cases edited (or deleted) and the cases linking to them; the cases they link to are checked with them, as a
 * build checks every case. `changed`: ids of the cases edited or deleted; `existing`: the id of every case file now
 * (a case with errors of its own still exists); `published` and `unpublished`: every case that builds on its own,
 * published or not (verified just now, or withheld for its links), the edited ones as they are now.
 */
export function recheckTranslations<C extends LinkedCase>(changed: ReadonlySet<string>, existing: ReadonlySet<string>, published: ReadonlyMap<string, C>, unpublished: readonly C[]): Rechecked<C> {
  const cases = new Map(published);
  for (const c of unpublished) cases.set(c.summary.id, c);
  const linkedFromChanged = new Set([...changed].flatMap((id) => (cases.get(id)?.summary.translations ?? []).map((t) => t.id)));
  const checked = [...cases.values()]
    .filter(({ summary: c }) => changed.has(c.id) || linkedFromChanged.has(c.id) || (c.translations ?? []).some((t) => changed.has(t.id)))
    .sort((a, b) => (a.summary.file < b.summary.file ? -1 : a.summary.file > b.summary.file ? 1 : 0));
  const problems = new ProblemList();
  const failed = checkTranslations(existing, checked.map((c) => c.summary), (id) => cases.get(id)?.summary, problems);
  const waiting = new Set(unpublished);
  return {
    problems: problems.items,
    failed: checked.filter((c) => failed.has(c.summary.file)).map((c) => [c, problems.items.filter((p) => p.file === c.summary.file)]),
    passed: checked.filter((c) => waiting.has(c) && !failed.has(c.summary.file)),
  };
}

/** The id of every case file in `dir` now, as a build lists them (case-files.ts). */
export async function caseIds(dir: string): Promise<Set<string>> {
  const names = await listCaseFiles(dir, dir, new ProblemList());
  return new Set((names ?? []).map((name) => path.basename(name, '.md')));
}
