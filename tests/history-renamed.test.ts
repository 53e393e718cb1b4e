import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHistories } from '../src/core/provenance/read-history.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const CASE = 'content/cases/riverside-clinic.md';
const OLD_ID = '{#building-failed-fire-inspection status=confirmed';
const NEW_ID = '{#fire-inspection-failed status=unconfirmed missing="The inspection report itself"';

/**
 * An editor renames a claim's id (and changes its verdict in the same commit). It is one claim: the history shows the
 * change of verdict under its number, not a claim withdrawn and another added, and a link to the old id still
 * reaches the claim.
 */
describe('a claim whose id is renamed', () => {
  const repo = new TestRepo();
  let build: BuildRun;

  beforeAll(() => {
    repo.write(CASE, readFileSync(path.join(ROOT, CASE), 'utf8'));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.edit(CASE, OLD_ID, NEW_ID);
    repo.commit('Claim 2 unconfirmed: the inspection report is not public', '2026-02-01T09:00:00Z');
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('keeps the claim\'s history under its new id, with its old id', async () => {
    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: path.join(repo.root, '.cache') });
    const claims = histories.byFile.get(CASE)!.claims;
    expect(claims.find((c) => c.id === 'building-failed-fire-inspection')).toBeUndefined();
    expect(claims.find((c) => c.id === 'fire-inspection-failed')).toEqual({
      id: 'fire-inspection-failed',
      formerIds: ['building-failed-fire-inspection'],
      since: '2026-01-10',
      firstStatus: 'confirmed',
      changes: [expect.objectContaining({ kind: 'status', from: 'confirmed', to: 'unconfirmed', reason: 'Claim 2 unconfirmed: the inspection report is not public' })],
    });
  });

  it('lists the change of verdict on the page, not a withdrawal and an addition', () => {
    expect(build.status, build.output).toBe(0);
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const changes = selectAll('li[data-claim]', page).map((li) => [li.properties['dataClaim'], li.properties['dataKind'], toString(li).replace(/\s+/g, ' ').trim()]);
    expect(changes).toEqual([['fire-inspection-failed', 'status', 'Claim 2: status changed: Confirmed → to Unconfirmed']]);
  });

  it('keeps the old id as an anchor in the claim\'s row, so links made to it still reach the claim', () => {
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const anchor = select('#building-failed-fire-inspection', page);
    expect(anchor).toBeDefined();
    expect(select('tr#fire-inspection-failed #building-failed-fire-inspection', page)).toBe(anchor);
  });

  it('names the old id in the JSON export, valid against docs/case.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'docs/case.schema.json'), 'utf8')));
    const exported = JSON.parse(readFileSync(path.join(build.outDir, 'cases/riverside-clinic.json'), 'utf8'));
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(exported.history.claims.find((c: { id: string }) => c.id === 'fire-inspection-failed').formerIds).toEqual(['building-failed-fire-inspection']);
  });
});

describe('claims withdrawn and added in one commit that are not one claim', () => {
  it('stay a withdrawal and an addition when the quotes differ, or when two added claims share the old quote', async () => {
    const repo = new TestRepo();
    const claim = (id: string, quote: string, label = `Statement of ${id}`) => `:::claim[${label}]{#${id} status=confirmed}\n> ${quote}\n\nReasoning.\n:::\n`;
    repo.write(CASE, `---\ntitle: T\n---\n\n${claim('a', 'first passage')}\n${claim('b', 'second passage')}`);
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    // `a` replaced by a claim on another passage; `b` by two claims quoting its passage (a split, not a rename).
    repo.write(CASE, `---\ntitle: T\n---\n\n${claim('c', 'third passage')}\n${claim('b1', 'second passage')}\n${claim('b2', 'second passage')}`);
    repo.commit('Claims rewritten', '2026-02-01T09:00:00Z');
    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: path.join(repo.root, '.cache') });
    const kinds = Object.fromEntries(histories.byFile.get(CASE)!.claims.map((c) => [c.id, [c.formerIds, c.changes.map((change) => change.kind)]]));
    expect(kinds).toEqual({ a: [undefined, ['removed']], b: [undefined, ['removed']], c: [undefined, ['added']], b1: [undefined, ['added']], b2: [undefined, ['added']] });
  });

  it('is one claim when only the statement is the same (the quote was reworded with the id)', async () => {
    const repo = new TestRepo();
    repo.write(CASE, `---\ntitle: T\n---\n\n:::claim[Roads get 40%]{#roads status=confirmed}\n> forty per cent\n:::\n`);
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.write(CASE, `---\ntitle: T\n---\n\n:::claim[Roads get 40%]{#roads-share status=confirmed}\n> forty per cent for roads\n:::\n`);
    repo.commit('Quote in full', '2026-02-01T09:00:00Z');
    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: path.join(repo.root, '.cache') });
    expect(histories.byFile.get(CASE)!.claims).toEqual([
      { id: 'roads-share', formerIds: ['roads'], since: '2026-01-10', firstStatus: 'confirmed', changes: [expect.objectContaining({ kind: 'quote', from: 'forty per cent', to: 'forty per cent for roads' })] },
    ]);
  });
});

/**
 * A claim's old id that the page itself uses (`history`, `history-heading`, `status-confirmed`: none reserved for claims
 * when it was committed) is no anchor in its row: the page would have the id twice, and a link to the section would land
 * on the row.
 */
describe('a claim renamed from an id the page uses itself', () => {
  const repo = new TestRepo();
  let build: BuildRun;

  beforeAll(() => {
    const text = readFileSync(path.join(ROOT, CASE), 'utf8');
    const renamed: [string, string][] = [['building-failed-fire-inspection', 'history'], ['millbrook-extends-hours', 'history-heading'], ['mobile-van-twice-a-week', 'status-confirmed']];
    repo.write(CASE, renamed.reduce((t, [id, old]) => t.replace(`{#${id} `, `{#${old} `), text));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    repo.write(CASE, text);
    repo.commit('Claim ids renamed', '2026-02-01T09:00:00Z');
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases') });
  }, 300_000);

  it('gives every id on the page once', () => {
    expect(build.status, build.output).toBe(0);
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const ids = selectAll('[id]', page).map((e) => String(e.properties['id']));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(select('#history', page)?.tagName).toBe('section');
  });
});

/**
 * A claim renamed on one line of work while another line changed it under its old id: one claim still, on both lines.
 * Main's change is listed once, under the claim's new id, whichever of the two commits is the older, and the merge
 * that keeps main's verdict under the new id is no change of its own.
 */
describe('a claim renamed on a branch while main changed its verdict', () => {
  const claim = (id: string, status: string) => `:::claim[Roads get 40% of the budget]{#${id} status=${status}}\n> forty per cent for roads\n\nReasoning.\n:::\n`;
  const file = (...claims: string[]) => `---\ntitle: T\n---\n\n${claims.join('\n')}`;
  const SCHOOLS = ':::claim[Schools get 10 new teachers]{#schools status=confirmed}\n> ten new teachers\n\nReasoning.\n:::\n';

  for (const renameFirst of [true, false]) {
    it(`keeps one history under the new id (the rename ${renameFirst ? 'older' : 'newer'} than main's change)`, async () => {
      const repo = new TestRepo();
      repo.write(CASE, file(claim('roads', 'disputed'), SCHOOLS));
      repo.commit('Publish', '2026-01-10T09:00:00Z');
      git(repo.root, ['checkout', '-q', '-b', 'ids']);
      repo.write(CASE, file(claim('roads-share', 'disputed'), SCHOOLS));
      repo.commit('Claim id: roads-share', renameFirst ? '2026-01-11T09:00:00Z' : '2026-01-12T09:00:00Z');
      git(repo.root, ['checkout', '-q', 'main']);
      repo.write(CASE, file(claim('roads', 'false'), SCHOOLS));
      repo.commit('Roads false: the council denied it', renameFirst ? '2026-01-12T09:00:00Z' : '2026-01-11T09:00:00Z');
      // Both changed the claim's opening line: the editor keeps the new id and main's verdict.
      expect(() => git(repo.root, ['merge', '-q', '--no-ff', 'ids'])).toThrow(/CONFLICT|failed/);
      repo.write(CASE, file(claim('roads-share', 'false'), SCHOOLS));
      repo.commit('Merge branch ids', '2026-01-13T09:00:00Z');

      const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: path.join(repo.root, '.cache') });
      const history = histories.byFile.get(CASE)!;
      expect(history.claims.map((c) => c.id).sort()).toEqual(['roads-share', 'schools']);
      expect(history.claims.find((c) => c.id === 'roads-share')).toMatchObject({
        formerIds: ['roads'],
        firstStatus: 'disputed',
        changes: [expect.objectContaining({ kind: 'status', from: 'disputed', to: 'false', reason: 'Roads false: the council denied it' })],
      });
      expect(history.claims.find((c) => c.id === 'roads-share')!.changes).toHaveLength(1);
    });
  }

  it('is no withdrawal when the rename is cherry-picked onto main and its branch merged later', async () => {
    const repo = new TestRepo();
    repo.write(CASE, file(claim('roads', 'disputed'), SCHOOLS));
    repo.write('content/cases/other.md', file(SCHOOLS));
    repo.commit('Publish', '2026-01-10T09:00:00Z');
    git(repo.root, ['checkout', '-q', '-b', 'ids']);
    repo.write(CASE, file(claim('roads-share', 'disputed'), SCHOOLS));
    repo.commit('Claim id: roads-share', '2026-01-11T09:00:00Z');
    repo.write('content/cases/other.md', file(SCHOOLS.replace('status=confirmed', 'status=false')));
    repo.commit('Other case: schools false', '2026-01-11T10:00:00Z');
    git(repo.root, ['checkout', '-q', 'main']);
    git(repo.root, ['cherry-pick', 'ids~1'], '2026-01-12T09:00:00Z');
    repo.write(CASE, file(claim('roads-share', 'disputed'), SCHOOLS.replace('status=confirmed', 'status=unconfirmed')));
    repo.commit('Schools unconfirmed', '2026-01-12T10:00:00Z');
    git(repo.root, ['merge', '-q', '--no-ff', '-m', 'Merge branch ids', 'ids'], '2026-01-13T09:00:00Z');

    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir: path.join(repo.root, '.cache') });
    const history = histories.byFile.get(CASE)!;
    expect(history.claims.map((c) => c.id).sort()).toEqual(['roads-share', 'schools']);
    expect(history.claims.find((c) => c.id === 'roads-share')).toMatchObject({ formerIds: ['roads'], changes: [] });
  });
});
