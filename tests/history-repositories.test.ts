import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, TestRepo } from './helpers/git-repo.ts';
import { branch, CASE, caseFile, checkout, commitCase, historyAt, merge, mergeTaking, published, roads, schools } from './helpers/history-repo.ts';

/**
 * Verdict history wherever the cases are: a subfolder of the repository, a repository of their own, a shallow clone,
 * and the history cache, in real repositories.
 */

describe('where the cases folder is', () => {
  it('the project is a subfolder of the repository', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'tahqiq-top-'));
    git(top, ['init', '-q', '-b', 'main']);
    const root = path.join(top, 'site');
    mkdirSync(path.join(root, 'content/cases'), { recursive: true });
    const commit = (subject: string, date: string) => {
      git(top, ['add', '-A']);
      git(top, ['commit', '-q', '-m', subject], date);
    };
    writeFileSync(path.join(root, CASE), caseFile([roads('disputed'), schools()]));
    commit('Publish', '2026-01-10T09:00:00Z');
    git(top, ['checkout', '-q', '-b', 'desk']);
    writeFileSync(path.join(root, CASE), caseFile([roads('false'), schools()]));
    commit('Desk: roads false', '2026-01-11T09:00:00Z');
    git(top, ['checkout', '-q', 'main']);
    writeFileSync(path.join(root, CASE), caseFile([roads('confirmed'), schools()]));
    commit('Main: roads confirmed', '2026-01-12T09:00:00Z');
    expect(() => git(top, ['merge', '-q', '--no-ff', 'desk'])).toThrow(/CONFLICT|failed/);
    git(top, ['checkout', '--theirs', '--', `site/${CASE}`]);
    commit('Merge desk', '2026-01-13T09:00:00Z');
    const { changes } = await historyAt(root);
    expect(changes('roads')).toEqual([
      { date: '2026-01-12', kind: 'status', from: 'disputed', to: 'confirmed', reason: 'Main: roads confirmed' },
      { date: '2026-01-13', kind: 'status', from: 'confirmed', to: 'false', reason: 'Desk: roads false' },
    ]);
  });

  it('the cases folder is its own repository', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-own-'));
    const cases = path.join(root, 'cases');
    mkdirSync(cases);
    git(cases, ['init', '-q', '-b', 'main']);
    const commit = (subject: string, date: string) => {
      git(cases, ['add', '-A']);
      git(cases, ['commit', '-q', '-m', subject], date);
    };
    writeFileSync(path.join(cases, 'budget.md'), caseFile([roads('disputed'), schools()]));
    commit('Publish', '2026-01-10T09:00:00Z');
    git(cases, ['checkout', '-q', '-b', 'desk']);
    writeFileSync(path.join(cases, 'budget.md'), caseFile([roads('false'), schools()]));
    commit('Desk: roads false', '2026-01-11T09:00:00Z');
    git(cases, ['checkout', '-q', 'main']);
    writeFileSync(path.join(cases, 'budget.md'), caseFile([roads('confirmed'), schools()]));
    commit('Main: roads confirmed', '2026-01-12T09:00:00Z');
    expect(() => git(cases, ['merge', '-q', '--no-ff', 'desk'])).toThrow(/CONFLICT|failed/);
    git(cases, ['checkout', '--theirs', '--', 'budget.md']);
    commit('Merge desk', '2026-01-13T09:00:00Z');
    const { changes } = await historyAt(root, 'cases', 'cases/budget.md');
    expect(changes('roads').map((c) => [c.to, c.reason])).toEqual([
      ['confirmed', 'Main: roads confirmed'],
      ['false', 'Desk: roads false'],
    ]);
  });
});

describe('shallow clones', () => {
  function mergedRepo(): TestRepo {
    const repo = published();
    commitCase(repo, [roads('unconfirmed'), schools()], 'Main: roads unconfirmed', '2026-01-10T12:00:00Z');
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    commitCase(repo, [roads('confirmed'), schools()], 'Main: roads confirmed', '2026-01-12T09:00:00Z');
    mergeTaking(repo, 'theirs', 'desk', 'Merge desk', '2026-01-13T09:00:00Z');
    return repo;
  }

  for (const depth of [1, 2, 3]) {
    it(`depth ${depth}: partial, no claim listed as added, the verdicts after the boundary kept`, async () => {
      const repo = mergedRepo();
      const clone = mkdtempSync(path.join(tmpdir(), 'tahqiq-shallow-'));
      git(clone, ['clone', '-q', '--depth', String(depth), `file://${repo.root}`, '.']);
      const { histories, history, changes } = await historyAt(clone);
      expect(histories.state).toBe('partial');
      expect(history!.partial).toBe(true);
      expect(history!.claims.flatMap((c) => c.changes).filter((c) => c.kind === 'added')).toEqual([]);
      const full = ['unconfirmed', 'confirmed', 'false'];
      // The last `depth - 1` verdicts of main's line are after the boundary (depth 1: only the merge, no change seen).
      expect(changes('roads').map((c) => c.to)).toEqual(full.slice(full.length - (depth - 1)));
    });
  }
});

describe('the cache', () => {
  it('reuses the history for the same HEAD, and reads again after a commit', async () => {
    const repo = published();
    const cacheDir = path.join(repo.root, '.cache');
    const first = await historyAt(repo.root, 'content/cases', CASE, cacheDir);
    expect(first.histories.cached).toBe(false);
    const second = await historyAt(repo.root, 'content/cases', CASE, cacheDir);
    expect(second.histories.cached).toBe(true);
    expect(second.history).toEqual(first.history);
    branch(repo, 'desk');
    commitCase(repo, [roads('false'), schools()], 'Desk: roads false', '2026-01-11T09:00:00Z');
    checkout(repo, 'main');
    merge(repo, 'Merge desk', '2026-01-12T09:00:00Z', 'desk');
    const third = await historyAt(repo.root, 'content/cases', CASE, cacheDir);
    expect(third.histories.cached).toBe(false);
    expect(third.changes('roads').map((c) => c.reason)).toEqual(['Desk: roads false']);
    // Checking out the branch (another HEAD): the branch's own line, read again.
    checkout(repo, 'desk');
    const fourth = await historyAt(repo.root, 'content/cases', CASE, cacheDir);
    expect(fourth.histories.cached).toBe(false);
    expect(fourth.history!.commits).toBe(2);
    rmSync(cacheDir, { recursive: true, force: true });
  });
});

describe('a commit dated before its parent (a committer\'s clock set wrong)', () => {
  it('gives the latest date as last updated, not the last commit\'s', async () => {
    const repo = published();
    commitCase(repo, [roads('confirmed'), schools()], 'Roads confirmed', '2026-01-20T09:00:00Z');
    commitCase(repo, [roads('confirmed'), schools('Schools get ten new teachers')], 'Schools in words', '2026-01-05T09:00:00Z');
    const { history, changes } = await historyAt(repo.root);
    expect(history).toMatchObject({ firstPublished: '2026-01-10', lastUpdated: '2026-01-20', commits: 3 });
    // Each change keeps its own commit's date.
    expect(changes('schools').map((c) => c.date)).toEqual(['2026-01-05']);
  });
});
