import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistories } from '../src/core/provenance/read-history.ts';
import { git, TestRepo } from './helpers/git-repo.ts';

const CASE = 'content/cases/merged.md';
const caseText = (first: string, second: string) =>
  `---\ntitle: Merged\n---\n:::claim[${first}]{#first status=confirmed}\n> one\n:::\n\n:::claim[${second}]{#second status=confirmed}\n> two\n:::\n`;

/**
 * A claim reworded on a branch while another claim was reworded on main, then the branch merged: the page lists
 * the versions main had, never a claim changing back because the branch's commit is older than main's.
 */
describe('verdict history across a merge', () => {
  it('follows HEAD\'s first-parent line, the merge bringing in what the branch changed', async () => {
    const repo = new TestRepo();
    repo.write(CASE, caseText('First', 'Second'));
    repo.commit('Publish', '2026-01-01T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'fix']);
    repo.write(CASE, caseText('First, reworded', 'Second'));
    repo.commit('Reword the first claim', '2026-01-02T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    repo.write(CASE, caseText('First', 'Second, reworded'));
    repo.commit('Reword the second claim', '2026-01-03T09:00:00Z');
    git(repo.root, ['merge', '-q', '--no-edit', 'fix'], '2026-01-04T09:00:00Z');
    expect(repo.read(CASE)).toBe(caseText('First, reworded', 'Second, reworded'));

    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: mkdtempSync(path.join(tmpdir(), 'tahqiq-cache-')) });
    const history = histories.byFile.get(CASE)!;
    expect(history).toMatchObject({ firstPublished: '2026-01-01', lastUpdated: '2026-01-04', commits: 3 });
    const changes = (id: string) => history.claims.find((c) => c.id === id)!.changes.map(({ date, kind, from, to, reason }) => ({ date, kind, from, to, reason }));
    expect(changes('first')).toEqual([{ date: '2026-01-04', kind: 'label', from: 'First', to: 'First, reworded', reason: "Merge branch 'fix'" }]);
    expect(changes('second')).toEqual([{ date: '2026-01-03', kind: 'label', from: 'Second', to: 'Second, reworded', reason: 'Reword the second claim' }]);
  });
});
