import { describe, expect, it } from 'vitest';
import { git, TestRepo } from './helpers/git-repo.ts';
import { CASE, commitCase, historyAt, mergeTaking, roads, schools } from './helpers/history-repo.ts';

async function historyOf(repo: TestRepo) {
  const { history, changes } = await historyAt(repo.root);
  return { history: history!, changes };
}

/**
 * A merge that takes one side's file as it was (`git checkout --theirs`, `git checkout <branch> -- <file>`,
 * `git merge -s ours`). Git's default history simplification follows the parent the merge left the file as, and drops
 * the other line: taking the branch's side hid main's own published verdicts. The history is read along main's
 * first-parent line, what readers were shown.
 */
describe('a merge that takes one side of a case file', () => {
  it('keeps main\'s published verdict, and lists the merge that replaced it with the branch\'s', async () => {
    const repo = new TestRepo();
    commitCase(repo, [roads('disputed'), schools('Schools get 10 new teachers')], 'Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'desk']);
    commitCase(repo, [roads('false'), schools('Schools get 10 new teachers')], 'Roads false: the council denied it', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    commitCase(repo, [roads('confirmed'), schools('Schools get 10 new teachers')], 'Roads confirmed: the budget is out', '2026-01-12T09:00:00Z');
    mergeTaking(repo, 'theirs', 'desk', 'Merge branch desk', '2026-01-13T09:00:00Z');

    const { history, changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([
      { date: '2026-01-12', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Roads confirmed: the budget is out' },
      // The branch's reason, dated at the merge, which published it after main's verdict.
      { date: '2026-01-13', kind: 'status', from: 'confirmed', to: 'false', reason: 'Roads false: the council denied it' },
    ]);
    expect(history).toMatchObject({ firstPublished: '2026-01-10', lastUpdated: '2026-01-13', commits: 3 });
  });

  it('lists main\'s change undone by a merge that took the branch\'s whole file, under the merge', async () => {
    const repo = new TestRepo();
    commitCase(repo, [roads('disputed'), schools('Schools get 10 new teachers')], 'Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'wording']);
    commitCase(repo, [roads('disputed'), schools('Schools get ten new teachers')], 'Schools: the figure in words', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    commitCase(repo, [roads('confirmed'), schools('Schools get 10 new teachers')], 'Roads confirmed: the budget is out', '2026-01-12T09:00:00Z');
    git(repo.root, ['merge', '-q', '--no-ff', '--no-commit', 'wording']);
    git(repo.root, ['checkout', 'wording', '--', CASE]);
    repo.commit('Merge branch wording', '2026-01-13T09:00:00Z');

    const { changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([
      { date: '2026-01-12', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Roads confirmed: the budget is out' },
      // No commit of the branch made it: the merge did.
      { date: '2026-01-13', kind: 'status', from: 'confirmed', to: 'disputed', reason: 'Merge branch wording' },
    ]);
    // The branch commit's reason, dated at the merge: readers saw it then.
    expect(changes('schools')).toEqual([
      { date: '2026-01-13', kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Schools: the figure in words' },
    ]);
  });

  it('lists no change of a branch whose merge kept main\'s file (`git merge -s ours`): readers never saw it', async () => {
    const repo = new TestRepo();
    commitCase(repo, [roads('disputed'), schools('Schools get 10 new teachers')], 'Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'draft']);
    commitCase(repo, [roads('false'), schools('Schools get 10 new teachers')], 'Roads false (draft)', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    commitCase(repo, [roads('disputed'), schools('Schools get ten new teachers')], 'Schools: the figure in words', '2026-01-12T09:00:00Z');
    git(repo.root, ['merge', '-q', '-s', 'ours', '-m', 'Merge branch draft, keeping main', 'draft'], '2026-01-13T09:00:00Z');

    const { history, changes } = await historyOf(repo);
    expect(changes('roads')).toEqual([]);
    expect(changes('schools')).toEqual([
      { date: '2026-01-12', kind: 'label', from: 'Schools get 10 new teachers', to: 'Schools get ten new teachers', reason: 'Schools: the figure in words' },
    ]);
    expect(history).toMatchObject({ lastUpdated: '2026-01-12', commits: 2 });
  });
});
