import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseHistory } from '../src/schemas/history.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { branch, CASE, caseFile, checkout, commitCase, historyAt, merge, mergeTaking, parks, published, roads, schools } from './helpers/history-repo.ts';

/**
 * Verdict history through merges of every shape, in real repositories. Each test states what a reader of main should
 * see: every verdict main's first-parent line published, in the order readers saw it, with the reason of the commit
 * that made the change.
 */

const historyOf = (repo: TestRepo) => historyAt(repo.root);

/** A published case whose roads claim the desk branch rated false (Jan 11) and main confirmed (at `mainDate`); on main. */
function deskAndMainDisagree(mainDate: string): TestRepo {
  const repo = published();
  branch(repo, 'desk');
  commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
  checkout(repo, 'main');
  commitCase(repo, [roads('confirmed'), schools()], 'Main: roads confirmed', mainDate);
  return repo;
}

describe('octopus merge', () => {
  it('lists each branch\'s change under its own commit, dated at the merge', async () => {
    const repo = published([roads('disputed'), schools(), parks('disputed')]);
    branch(repo, 'a');
    commitCase(repo, [roads('false'), schools(), parks('disputed')], 'A: roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    branch(repo, 'b');
    commitCase(repo, [roads('disputed'), schools(), parks('confirmed')], 'B: parks confirmed', '2026-01-12T09:00:00Z');
    checkout(repo, 'main');
    git(repo.root, ['merge', '-q', '--no-ff', '-m', 'Octopus', 'a', 'b'], '2026-01-13T09:00:00Z');
    const { history, changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-13', kind: 'status', from: 'disputed', to: 'false', reason: 'A: roads false' }]);
    expect(changes('parks')).toEqual([{ date: '2026-01-13', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'B: parks confirmed' }]);
    expect(history).toMatchObject({ commits: 2, lastUpdated: '2026-01-13' });
  });
});

describe('a branch that merges main before it is merged back', () => {
  it('clean: lists main\'s and the branch\'s change once each', async () => {
    const repo = published();
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('disputed'), schools('Schools get ten new teachers')], 'Main: schools in words', '2026-01-12T09:00:00Z');
    checkout(repo, 'desk');
    merge(repo, 'Merge main into desk', '2026-01-13T09:00:00Z', 'main');
    checkout(repo, 'main');
    merge(repo, 'Merge desk', '2026-01-14T09:00:00Z', 'desk');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-14', kind: 'status', from: 'disputed', to: 'false', reason: 'Desk: roads false' }]);
    expect(changes('schools')).toEqual([{ date: '2026-01-12', kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Main: schools in words' }]);
  });

  it('conflict settled for main\'s verdict: the desk\'s verdict never published', async () => {
    const repo = deskAndMainDisagree('2026-01-12T09:00:00Z');
    checkout(repo, 'desk');
    mergeTaking(repo, 'theirs', 'main', 'Merge main into desk', '2026-01-13T09:00:00Z');
    commitCase(repo, [roads('confirmed'), schools('Schools get ten new teachers')], 'Desk: schools in words', '2026-01-14T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge desk', '2026-01-15T09:00:00Z', 'desk');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-12', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Main: roads confirmed' }]);
    expect(changes('schools')).toEqual([{ date: '2026-01-15', kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Desk: schools in words' }]);
  });

  it('conflict settled for the desk\'s verdict: main\'s verdict kept, the desk\'s listed after it', async () => {
    const repo = deskAndMainDisagree('2026-01-12T09:00:00Z');
    checkout(repo, 'desk');
    mergeTaking(repo, 'ours', 'main', 'Merge main into desk', '2026-01-13T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge desk', '2026-01-15T09:00:00Z', 'desk');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([
      { date: '2026-01-12', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Main: roads confirmed' },
      { date: '2026-01-15', kind: 'status', from: 'confirmed', to: 'false', reason: 'Desk: roads false' },
    ]);
  });
});

describe('fast-forward', () => {
  it('lists the branch\'s commits as main\'s', async () => {
    const repo = published();
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    git(repo.root, ['merge', '-q', '--ff-only', 'desk']);
    const { changes, history } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-11', kind: 'status', from: 'disputed', to: 'false', reason: 'Desk: roads false' }]);
    expect(history).toMatchObject({ commits: 2 });
  });
});

describe('order on the page (History.astro sorts every change by time, then revision)', () => {
  const pageOrder = (history: CaseHistory) =>
    history.claims
      .flatMap((c) => c.changes.map((change) => ({ id: c.id, ...change })))
      .sort((a, b) => (a.time ?? a.date).localeCompare(b.time ?? b.date) || (a.revision ?? 0) - (b.revision ?? 0))
      .map((c) => `${c.id}:${c.to}`);

  // A branch commit and a main commit on the same claim in the same second (a script); the merge takes the branch's.
  it('a branch verdict published by a merge is newer than main\'s verdict of the same second', async () => {
    const repo = deskAndMainDisagree('2026-01-11T09:00:00Z');
    mergeTaking(repo, 'theirs', 'desk', 'Merge desk', '2026-01-12T09:00:00Z');
    const { history } = await historyOf(repo);
    expect(pageOrder(history!)).toEqual(['roads:confirmed', 'roads:false']);
  });

  // Main's roads verdict (01-12) was shown before the branch's schools wording (committed 01-11, published 01-13).
  it('lists changes of different claims in the order readers saw them', async () => {
    const repo = published();
    branch(repo, 'desk');
    commitCase(repo, [roads('disputed'), schools('Schools get ten new teachers')], 'Desk: schools in words', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('confirmed'), schools()], 'Main: roads confirmed', '2026-01-12T09:00:00Z');
    merge(repo, 'Merge desk', '2026-01-13T09:00:00Z', 'desk');
    const { history } = await historyOf(repo);
    expect(pageOrder(history!)).toEqual(['roads:confirmed', 'schools:Schools get ten new teachers']);
  });
});

describe('a branch that creates or deletes a case file', () => {
  it('creates a case, merged with --no-ff: first published at the merge, with the claims as merged', async () => {
    const repo = new TestRepo();
    repo.write('content/cases/other.md', caseFile([parks('disputed')]));
    repo.commit('Other case', '2026-01-09T09:00:00Z');
    branch(repo, 'new');
    commitCase(repo, [roads('disputed'), schools()], 'Draft the budget case', '2026-01-10T09:00:00Z');
    commitCase(repo, [roads('false'), schools()], 'Roads false before publication', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge new: publish the budget case', '2026-01-12T09:00:00Z', 'new');
    const { history, changes } = await historyOf(repo);
    expect(history).toMatchObject({ firstPublished: '2026-01-12', commits: 1 });
    expect(history!.claims.find((c) => c.id === 'roads')).toMatchObject({ since: '2026-01-12', firstStatus: 'false' });
    expect(changes('roads')).toEqual([]);
  });

  it('deletes a case, merged with --no-ff: its claims are listed as removed once', async () => {
    const repo = published();
    branch(repo, 'drop');
    git(repo.root, ['rm', '-q', CASE]);
    repo.commit('Withdraw the budget case', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    repo.write('content/cases/other.md', caseFile([parks('disputed')]));
    repo.commit('Other case', '2026-01-12T09:00:00Z');
    merge(repo, 'Merge drop', '2026-01-13T09:00:00Z', 'drop');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-13', kind: 'removed', from: 'disputed', to: undefined, reason: 'Withdraw the budget case' }]);
  });

  it('deleted and re-created on main: removed, then added back; a new claim in the new file is an addition', async () => {
    const repo = published();
    git(repo.root, ['rm', '-q', CASE]);
    repo.commit('Withdraw the case', '2026-01-11T09:00:00Z');
    mkdirSync(path.join(repo.root, 'content/cases'), { recursive: true });
    commitCase(repo, [roads('confirmed'), parks('disputed')], 'Republish the case', '2026-01-12T09:00:00Z');
    const { changes, history } = await historyOf(repo);
    expect(changes('roads')).toEqual([
      { date: '2026-01-11', kind: 'removed', from: 'disputed', to: undefined, reason: 'Withdraw the case' },
      { date: '2026-01-12', kind: 'added', from: undefined, to: 'confirmed', reason: 'Republish the case' },
    ]);
    expect(changes('schools')).toEqual([{ date: '2026-01-11', kind: 'removed', from: 'confirmed', to: undefined, reason: 'Withdraw the case' }]);
    expect(history).toMatchObject({ firstPublished: '2026-01-10', commits: 2 });
    // parks appeared after the case's first publication (documented: "Claims added after the file's first version get an `added` change").
    expect(changes('parks')).toEqual([{ date: '2026-01-12', kind: 'added', from: undefined, to: 'disputed', reason: 'Republish the case' }]);
  });
});

describe('renames', () => {
  it('a claim renamed on a branch (same quote), merged with --no-ff', async () => {
    const repo = published();
    branch(repo, 'rename');
    commitCase(repo, [roads('false', 'roads-2026'), schools()], 'Roads: new id, false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('disputed'), schools('Schools get ten new teachers')], 'Main: schools in words', '2026-01-12T09:00:00Z');
    merge(repo, 'Merge rename', '2026-01-13T09:00:00Z', 'rename');
    const { history, changes } = await historyOf(repo);
    expect(history!.claims.find((c) => c.id === 'roads')).toBeUndefined();
    expect(history!.claims.find((c) => c.id === 'roads-2026')).toMatchObject({ formerIds: ['roads'], since: '2026-01-10', firstStatus: 'disputed' });
    expect(changes('roads-2026')).toEqual([{ date: '2026-01-13', kind: 'status', from: 'disputed', to: 'false', reason: 'Roads: new id, false' }]);
  });

  // The branch changes the verdict under the old id; main renames the claim; the merge (conflict) takes the new id with
  // the branch's verdict. The verdict change is the branch commit's (the old code followed renames with `renamedTo`).
  it('a verdict changed on a branch under the id main renamed since', async () => {
    const repo = published();
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false, the council denied it', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('disputed', 'roads-2026'), schools()], 'Main: roads claim gets a dated id', '2026-01-12T09:00:00Z');
    expect(() => git(repo.root, ['merge', '-q', '--no-ff', 'desk'])).toThrow(/CONFLICT|failed/);
    commitCase(repo, [roads('false', 'roads-2026'), schools()], 'Merge desk', '2026-01-13T09:00:00Z');
    const { changes } = await historyOf(repo);
    expect(changes('roads-2026').map(({ date: _, ...c }) => c)).toEqual([{ kind: 'status', from: 'disputed', to: 'false', reason: 'Desk: roads false, the council denied it' }]);
  });
});

describe('off-line changes a merge is attributed to', () => {
  // Both desks set roads to false; main merges `a` first. Its change is a's: b's commit is not even in the merge.
  it('two branches change the same claim to the same value: each merge names its own branch\'s commit', async () => {
    const repo = published();
    branch(repo, 'a');
    commitCase(repo, [roads('false'), schools()], 'A: roads false (council statement)', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    branch(repo, 'b');
    commitCase(repo, [roads('false'), schools()], 'B: roads false (budget document)', '2026-01-12T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge a', '2026-01-13T09:00:00Z', 'a');
    merge(repo, 'Merge b', '2026-01-14T09:00:00Z', 'b');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-13', kind: 'status', from: 'disputed', to: 'false', reason: 'A: roads false (council statement)' }]);
  });

  // A draft rejected by `merge -s ours` must not lend its reason to a later merge that settled on the same verdict by hand.
  it('a rejected draft\'s change is not the reason of a later verdict settled in a merge', async () => {
    const repo = published();
    branch(repo, 'draft');
    commitCase(repo, [roads('false'), schools()], 'Draft: roads false (unsourced, rejected)', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge draft, keeping main', '2026-01-12T09:00:00Z', '-s', 'ours', 'draft');
    branch(repo, 'desk');
    commitCase(repo, [roads('confirmed'), schools()], 'Desk: roads confirmed', '2026-01-13T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('unconfirmed'), schools()], 'Main: roads unconfirmed', '2026-01-14T09:00:00Z');
    expect(() => git(repo.root, ['merge', '-q', '--no-ff', 'desk'])).toThrow(/CONFLICT|failed/);
    commitCase(repo, [roads('false'), schools()], 'Merge desk: roads false after the call with the council', '2026-01-15T09:00:00Z');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([
      { date: '2026-01-14', kind: 'status', from: 'disputed', to: 'unconfirmed', reason: 'Main: roads unconfirmed' },
      { date: '2026-01-15', kind: 'status', from: 'unconfirmed', to: 'false', reason: 'Merge desk: roads false after the call with the council' },
    ]);
  });
});

describe('cherry-picks', () => {
  it('a main commit cherry-picked from a branch, the branch then merged: listed once, under main\'s commit', async () => {
    const repo = published();
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
    commitCase(repo, [roads('false'), schools('Schools get ten new teachers')], 'Desk: schools in words', '2026-01-12T09:00:00Z');
    checkout(repo, 'main');
    git(repo.root, ['cherry-pick', 'desk~1'], '2026-01-13T09:00:00Z');
    merge(repo, 'Merge desk', '2026-01-14T09:00:00Z', 'desk');
    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([{ date: '2026-01-13', kind: 'status', from: 'disputed', to: 'false', reason: 'Desk: roads false' }]);
    expect(changes('schools')).toEqual([{ date: '2026-01-14', kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Desk: schools in words' }]);
  });

  // The file's first commit cherry-picked onto main (01-12); the branch's later verdict (01-11, before the pick) merged.
  it('a change is never dated before the claim was first published', async () => {
    const repo = new TestRepo();
    repo.write('content/cases/other.md', caseFile([parks('disputed')]));
    repo.commit('Another case', '2026-01-09T09:00:00Z');
    branch(repo, 'draft');
    commitCase(repo, [roads('disputed'), schools()], 'Draft the budget case', '2026-01-10T09:00:00Z');
    commitCase(repo, [roads('false'), schools()], 'Roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    git(repo.root, ['cherry-pick', 'draft~1'], '2026-01-12T09:00:00Z');
    // Both lines added the file (add/add): the editor takes the draft's version.
    mergeTaking(repo, 'theirs', 'draft', 'Merge draft', '2026-01-13T09:00:00Z');
    const { history, changes } = await historyOf(repo);
    const claim = history!.claims.find((c) => c.id === 'roads')!;
    expect(claim.since).toBe('2026-01-12');
    expect(changes('roads').filter((c) => c.date < claim.since)).toEqual([]);
  });
});
