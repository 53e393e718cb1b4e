import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const CASE = 'content/cases/riverside-clinic.md';
const LABEL = ':::claim[The Riverside Community Health Clinic will close on March 31]';

/**
 * A correction committed on main while a branch was open; the branch merged main in, and main was then fast-forwarded
 * to the branch (this project's own history has this shape). The correction's first parent line runs through the
 * merge, not through the correction: a history read along the first parents alone listed the merge ("Merge main into
 * evidence") as the reason, and lost the correction's own.
 */
describe('a correction brought into a branch by a merge of main, main then fast-forwarded to the branch', () => {
  const repo = new TestRepo();
  let build: BuildRun;

  beforeAll(() => {
    repo.write(CASE, readFileSync(path.join(ROOT, CASE), 'utf8'));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'evidence']);
    repo.write('notes.txt', 'work on the branch\n');
    repo.commit('Branch work outside the cases', '2026-01-11T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    repo.edit(CASE, LABEL, LABEL.replace('will close', 'will close permanently'));
    repo.commit('Claim 1: the closure is permanent, as the council minutes say', '2026-01-12T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'evidence']);
    git(repo.root, ['merge', '-q', '--no-edit', '-m', 'Merge main into evidence', 'main'], '2026-01-13T09:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    git(repo.root, ['merge', '-q', '--ff-only', 'evidence']);
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('lists the correction under its own commit and reason, not under the merge', () => {
    expect(build.status, build.output).toBe(0);
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const reasons = selectAll('li[data-commit] > .history-reason', page).map((r) => toString(r));
    expect(reasons.join('\n')).toContain('Claim 1: the closure is permanent, as the council minutes say');
    expect(reasons.join('\n')).not.toContain('Merge main into evidence');
  });
});
