import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const CASE = 'content/cases/riverside-clinic.md';
const LABEL = ':::claim[The Riverside Community Health Clinic will close on March 31]';

/** A change and its revert committed in the same second (a script, a quick fix): the revert is the newer. */
describe('two revisions committed in the same second', () => {
  const repo = new TestRepo();
  let build: BuildRun;
  const commits: string[] = [];

  beforeAll(() => {
    repo.write(CASE, readFileSync(path.join(ROOT, CASE), 'utf8'));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.edit(CASE, LABEL, LABEL.replace('will close', 'will close permanently'));
    repo.commit('Claim 1: the closure is permanent', '2026-02-01T09:00:00Z');
    commits.push(git(repo.root, ['rev-parse', 'HEAD']).trim());
    repo.edit(CASE, LABEL.replace('will close', 'will close permanently'), LABEL);
    repo.commit('Revert: the permanence is not established', '2026-02-01T09:00:00Z');
    commits.push(git(repo.root, ['rev-parse', 'HEAD']).trim());
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('lists the later commit first, as git orders them', () => {
    expect(build.status, build.output).toBe(0);
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const listed = selectAll('li[data-commit]', page).map((li) => String(li.properties['dataCommit']));
    expect(listed.slice(0, 2)).toEqual([commits[1], commits[0]]);
  });
});
