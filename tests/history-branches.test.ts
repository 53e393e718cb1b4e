import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistories } from '../src/core/provenance/read-history.ts';
import { git, TestRepo } from './helpers/git-repo.ts';

const CASE = 'content/cases/budget.md';

/** A case file with these claims: `[id, status, statement, quote]`. Only what the history reads. */
function caseFile(claims: [string, string, string, string][]): string {
  const blocks = claims.map(([id, status, statement, quote]) => `:::claim[${statement}]{#${id} status=${status}}\n> ${quote}\n\nReasoning.\n:::\n`);
  return `---\ntitle: Budget\nlang: en\n---\n\n${blocks.join('\n')}`;
}

const ROADS: [string, string, string, string] = ['roads', 'disputed', 'Roads get 40% of the budget', 'forty per cent for roads'];
const SCHOOLS: [string, string, string, string] = ['schools', 'confirmed', 'Schools get 10 new teachers', 'ten new teachers'];

async function historyOf(repo: TestRepo) {
  const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: `${repo.root}/.cache` });
  const history = histories.byFile.get(CASE)!;
  const changes = (id: string) => history.claims.find((c) => c.id === id)!.changes.map((c) => ({ kind: c.kind, from: c.from, to: c.to, reason: c.reason }));
  return { history, changes };
}

/**
 * Work on a branch merged with `--no-ff`, its commits dated between main's: each commit is compared with its own
 * parent, so a branch that started before a correction on main does not undo the correction in the history.
 */
describe('verdict history across a merged branch', () => {
  it('does not list a change back when a branch from before a correction is merged', async () => {
    const repo = new TestRepo();
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'wording']);
    git(repo.root, ['checkout', '-q', 'main']);
    repo.write(CASE, caseFile([[...ROADS.slice(0, 1), 'confirmed', ...ROADS.slice(2)] as typeof ROADS, SCHOOLS]));
    repo.commit('Roads confirmed: the council published the budget', '2026-01-12T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'wording']);
    repo.write(CASE, caseFile([ROADS, [SCHOOLS[0], SCHOOLS[1], 'Schools get ten new teachers', SCHOOLS[3]]]));
    repo.commit('Schools: the figure in words, as the council wrote it', '2026-01-13T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    git(repo.root, ['merge', '-q', '--no-ff', '-m', 'Merge branch wording', 'wording'], '2026-01-14T09:00:00Z');

    const { history, changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Roads confirmed: the council published the budget' }]);
    expect(changes('schools')).toEqual([
      { kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Schools: the figure in words, as the council wrote it' },
    ]);
    // Three versions were published: the merge published the branch's commit.
    expect(history).toMatchObject({ commits: 3, firstPublished: '2026-01-10', lastUpdated: '2026-01-14' });
  });

  it('lists a claim withdrawn on a branch once, under the branch commit, not again at the merge', async () => {
    const repo = new TestRepo();
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'withdraw']);
    repo.write(CASE, caseFile([ROADS]));
    repo.commit('Schools claim withdrawn: the council denied saying it', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    repo.write(CASE, caseFile([[ROADS[0], 'unconfirmed', ROADS[2], ROADS[3]], SCHOOLS]));
    repo.commit('Roads unconfirmed: the budget is not yet published', '2026-01-12T09:00:00Z');
    git(repo.root, ['merge', '-q', '--no-ff', '-m', 'Merge branch withdraw', 'withdraw'], '2026-01-13T09:00:00Z');

    const { changes } = await historyOf(repo);
    expect(changes('schools')).toEqual([{ kind: 'removed', from: 'confirmed', to: undefined, reason: 'Schools claim withdrawn: the council denied saying it' }]);
    // Main's change is not undone by the branch, which never had it.
    expect(changes('roads')).toEqual([{ kind: 'status', from: 'disputed', to: 'unconfirmed', reason: 'Roads unconfirmed: the budget is not yet published' }]);
  });

  it('lists a verdict decided in the merge itself (a conflict resolved by hand) under the merge, not the branch verdict it overrode', async () => {
    const repo = new TestRepo();
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'desk']);
    repo.write(CASE, caseFile([[ROADS[0], 'confirmed', ROADS[2], ROADS[3]], SCHOOLS]));
    repo.commit('Roads confirmed by the desk', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    repo.write(CASE, caseFile([[ROADS[0], 'unconfirmed', ROADS[2], ROADS[3]], SCHOOLS]));
    repo.commit('Roads unconfirmed by the editor', '2026-01-12T09:00:00Z');
    // Both sides changed the same line: the merge stops, and the editors settle on a third verdict.
    expect(() => git(repo.root, ['merge', '-q', '--no-ff', 'desk'])).toThrow(/CONFLICT|failed/);
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Roads disputed again: the desk and the editor disagree on the source', '2026-01-13T09:00:00Z');

    const { history, changes } = await historyOf(repo);
    // The desk's "confirmed" never reached main, so readers never saw it: it is no part of the history.
    expect(changes('roads')).toEqual([
      { kind: 'status', from: 'disputed', to: 'unconfirmed', reason: 'Roads unconfirmed by the editor' },
      // From the first parent's verdict, main's.
      { kind: 'status', from: 'unconfirmed', to: 'disputed', reason: 'Roads disputed again: the desk and the editor disagree on the source' },
    ]);
    expect(changes('schools')).toEqual([]);
    expect(history.commits).toBe(3);
  });
});

/**
 * The case file comes into being on two lines: its first commit cherry-picked from a draft branch, or a shallow clone
 * whose boundary holds both parents of a merge (each seen with no parent). The second creation is not a revision that
 * added every claim after first publication.
 */
describe('a case file created on two lines', () => {
  const added = (history: { claims: { changes: { kind: string }[] }[] }) => history.claims.flatMap((c) => c.changes).filter((c) => c.kind === 'added');

  it('lists no claim as added when its first commit was cherry-picked from a branch later merged', async () => {
    const repo = new TestRepo();
    repo.write('content/cases/other.md', caseFile([SCHOOLS]));
    repo.commit('Another case', '2026-01-09T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'draft']);
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Publish the budget case', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    git(repo.root, ['cherry-pick', 'draft'], '2026-01-11T09:00:00Z');
    repo.write('content/cases/other.md', caseFile([[SCHOOLS[0], 'false', SCHOOLS[2], SCHOOLS[3]]]));
    repo.commit('Other case: schools false', '2026-01-11T10:00:00Z');
    git(repo.root, ['checkout', '-q', 'draft']);
    repo.write(CASE, caseFile([[ROADS[0], 'false', ROADS[2], ROADS[3]], SCHOOLS]));
    repo.commit('Roads false: the council denied it', '2026-01-11T11:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    // Both lines added the file: git stops (add/add), and the editor takes the draft's version.
    expect(() => git(repo.root, ['merge', '-q', '--no-ff', 'draft'])).toThrow(/CONFLICT|failed/);
    git(repo.root, ['checkout', '--theirs', '--', CASE]);
    repo.commit('Merge branch draft', '2026-01-12T09:00:00Z');

    const { history, changes } = await historyOf(repo);
    expect(added(history)).toEqual([]);
    expect(changes('roads')).toEqual([{ kind: 'status', from: 'disputed', to: 'false', reason: 'Roads false: the council denied it' }]);
  });

  it('lists no claim as added in a shallow clone whose boundary has both parents of a merge', async () => {
    const repo = new TestRepo();
    repo.write(CASE, caseFile([ROADS, SCHOOLS]));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'desk']);
    repo.write(CASE, caseFile([[ROADS[0], 'false', ROADS[2], ROADS[3]], SCHOOLS]));
    repo.commit('Roads false', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    repo.write(CASE, caseFile([ROADS, [SCHOOLS[0], 'false', SCHOOLS[2], SCHOOLS[3]]]));
    repo.commit('Schools false', '2026-01-12T09:00:00Z');
    git(repo.root, ['merge', '-q', '--no-ff', '-m', 'Merge branch desk', 'desk'], '2026-01-13T09:00:00Z');
    const clone = mkdtempSync(path.join(tmpdir(), 'tahqiq-shallow-'));
    git(clone, ['clone', '-q', '--depth', '2', `file://${repo.root}`, '.']);

    const histories = await readHistories({ root: clone, casesDir: 'content/cases', cacheDir: `${clone}/.cache` });
    expect(histories.state).toBe('partial');
    expect(added(histories.byFile.get(CASE)!)).toEqual([]);
  });
});
