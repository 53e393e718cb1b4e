import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const CASE = 'content/cases/riverside-clinic.md';
const LABEL = ':::claim[The Riverside Community Health Clinic will close on March 31]';

/** A claim changed by a commit with no message (`git commit --allow-empty-message`), then given a reason in `revisions`. */
describe('a claim changed by a commit with no message', () => {
  const repo = new TestRepo();
  let silent: string;
  let before: BuildRun;
  let after: BuildRun;
  const entry = (build: BuildRun) => select(`li[data-commit="${silent}"]`, fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8')))!;

  beforeAll(() => {
    repo.write(CASE, readFileSync(path.join(ROOT, CASE), 'utf8'));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.edit(CASE, LABEL, LABEL.replace('will close', 'will close permanently'));
    git(repo.root, ['add', '-A']);
    git(repo.root, ['commit', '-q', '--allow-empty-message', '-m', ''], '2026-02-01T09:00:00Z');
    silent = git(repo.root, ['rev-parse', 'HEAD']).trim();
    before = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
    expect(repo.read(CASE)).toContain('\nrevisions:\n');
    repo.edit(CASE, '\nrevisions:\n', `\nrevisions:\n  ${silent.slice(0, 7)}: The council's minutes say the closure is permanent\n`);
    repo.commit('Give the reason for the change of 1 February', '2026-02-02T09:00:00Z');
    after = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('publishes the change without an empty "Reason:", and warns with the line to add (TQ608)', () => {
    expect(before.status, before.output).toBe(0);
    expect(before.output).toContain(`warning  Unexpected commit \`${silent.slice(0, 7)}\` (2026-02-01) with no message: it changed claims, and "Updates and corrections" would list it with no reason, expected a reason in the frontmatter, \`revisions:\` then \`  ${silent.slice(0, 7)}: <why the claims changed>\`  [TQ608]`);
    expect(select('.history-reason', entry(before))).toBeUndefined();
    expect(toString(entry(before))).toContain('will close permanently on March 31');
  });

  it('shows the reason given in revisions, and warns no more', () => {
    expect(after.status, after.output).toBe(0);
    expect(after.output).not.toContain('[TQ608]');
    expect(toString(select('.history-reason', entry(after))!)).toContain("The council's minutes say the closure is permanent");
  });
});
