import path from 'node:path';
import { expect } from 'vitest';
import { readHistories } from '../../src/core/provenance/read-history.ts';
import { git, TestRepo } from './git-repo.ts';

/** The case file the history scenarios edit. */
export const CASE = 'content/cases/budget.md';

/** A claim as the history reads it: `[id, status, statement, quote]`. */
export type Claim = [string, string, string, string];

/** A case file with these claims, and only what the history reads. */
export function caseFile(claims: Claim[]): string {
  const blocks = claims.map(([id, status, statement, quote]) => `:::claim[${statement}]{#${id} status=${status}}\n> ${quote}\n\nReasoning.\n:::\n`);
  return `---\ntitle: Budget\nlang: en\n---\n\n${blocks.join('\n')}`;
}

export const roads = (status: string, id = 'roads'): Claim => [id, status, 'Roads get 40% of the budget', 'forty per cent for roads'];
export const schools = (statement = 'Schools get 10 new teachers', status = 'confirmed'): Claim => ['schools', status, statement, 'ten new teachers'];
export const parks = (status: string): Claim => ['parks', status, 'Parks get a new fountain', 'a fountain in every park'];

/** The histories read at `root`, the history of `file`, and each claim's changes as readers see them. */
export async function historyAt(root: string, casesDir = 'content/cases', file = CASE, cacheDir = path.join(root, '.cache')) {
  const histories = await readHistories({ root, casesDir, cacheDir });
  const history = histories.byFile.get(file);
  const changes = (id: string) =>
    history!.claims.find((c) => c.id === id)!.changes.map((c) => ({ date: c.date, kind: c.kind, from: c.from, to: c.to, reason: c.reason }));
  return { histories, history, changes };
}

/** A repository with the case published on main on 2026-01-10 (roads disputed, schools confirmed, by default). */
export function published(claims: Claim[] = [roads('disputed'), schools()]): TestRepo {
  const repo = new TestRepo();
  commitCase(repo, claims, 'Publish', '2026-01-10T09:00:00Z');
  return repo;
}

/** Writes the case file with these claims and commits it on the branch checked out, with this subject and date. */
export function commitCase(repo: TestRepo, claims: Claim[], subject: string, date: string): void {
  repo.write(CASE, caseFile(claims));
  repo.commit(subject, date);
}

export const branch = (repo: TestRepo, name: string) => git(repo.root, ['checkout', '-q', '-b', name]);
export const checkout = (repo: TestRepo, name: string) => git(repo.root, ['checkout', '-q', name]);
/** `git merge --no-ff` with this subject, committed on `date`. */
export const merge = (repo: TestRepo, subject: string, date: string, ...args: string[]) => git(repo.root, ['merge', '-q', '--no-ff', '-m', subject, ...args], date);

/**
 * `git merge --no-ff` of `from` that stops on a conflict in the case file, settled by taking one side's version of it
 * (`ours`: the branch checked out; `theirs`: `from`), committed with this subject and date.
 */
export function mergeTaking(repo: TestRepo, side: 'ours' | 'theirs', from: string, subject: string, date: string): void {
  expect(() => git(repo.root, ['merge', '-q', '--no-ff', from])).toThrow(/CONFLICT|failed/);
  git(repo.root, ['checkout', `--${side}`, '--', CASE]);
  repo.commit(subject, date);
}
