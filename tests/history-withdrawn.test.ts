import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const CASE = 'content/cases/riverside-clinic.md';
const LABEL = 'The clinic building failed a fire safety inspection in September';

/** A claim reworded, then withdrawn: both changes name it by its statement, never by its id. */
describe('a withdrawn claim on "updates and corrections"', () => {
  const repo = new TestRepo();
  let build: BuildRun;

  beforeAll(() => {
    repo.write(CASE, readFileSync(path.join(ROOT, CASE), 'utf8'));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.edit(CASE, `:::claim[${LABEL}]`, `:::claim[${LABEL} 2026]`);
    repo.commit('Claim 2 reworded: the year of the inspection', '2026-02-01T09:00:00Z');
    const text = repo.read(CASE);
    const start = text.indexOf(`:::claim[${LABEL} 2026]`);
    const end = text.indexOf('\n:::\n', start) + '\n:::\n'.length;
    repo.write(CASE, text.slice(0, start) + text.slice(end).replace(/^\n/, ''));
    repo.commit('Claim 2 withdrawn: the inspection is not in the documents', '2026-03-01T09:00:00Z');
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('names the withdrawn claim by its last statement on each of its changes', () => {
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const changes = selectAll('li[data-claim="building-failed-fire-inspection"]', page).map((li) => toString(li).replace(/\s+/g, ' ').trim());
    expect(changes).toHaveLength(2);
    for (const change of changes) expect(change).toMatch(new RegExp(`^Claim “${LABEL} 2026”: `));
    expect(changes.join('\n')).not.toContain('Claim “building-failed-fire-inspection”');
  });
});
