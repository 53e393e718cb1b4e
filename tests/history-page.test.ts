import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { git, TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

const text = (node: Parameters<typeof toString>[0] | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

/**
 * A real build of cases kept in their own git repository (as a newsroom's content repo): the English case had one
 * claim's status changed twice, the Arabic one a claim reworded. Their pages show "updates and corrections".
 */
const arCase = readFileSync(path.join(ROOT, 'content/cases/dumayr-raid.md'), 'utf8');
const arLabel = /:::claim\[([^\]]+)\]\{#raid-killed-khaled-al-masoud/.exec(arCase)![1]!;
const arSecondLabel = /:::claim\[([^\]]+)\]\{#undercover-intelligence-gatherer/.exec(arCase)![1]!;
/** Each commit listed: its date, its reason, and the claim changes under it. */
const commitsIn = (section: Parameters<typeof selectAll>[1]) =>
  selectAll('ol.history-list > li', section).map((li) => ({ date: text(select('time', li)), reason: text(select('.history-reason', li)), changes: selectAll('li[data-claim]', li).map(text) }));

describe('updates and corrections on the case page', () => {
  const repo = new TestRepo();
  const casesDir = path.join(repo.root, 'content/cases');
  let build: BuildRun;

  beforeAll(() => {
    const en = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');
    const ar = readFileSync(path.join(ROOT, 'content/cases/dumayr-raid.md'), 'utf8');
    repo.write('content/cases/riverside-clinic.md', en);
    repo.write('content/cases/dumayr-raid.md', ar);
    repo.commit('Publish the Riverside and Dumayr fact-checks', '2026-01-10T09:00:00Z');
    const claim = '{#clinic-has-about-4000-patients status=disputed claimant="Mayor Tom Becker"}';
    repo.edit('content/cases/riverside-clinic.md', claim, '{#clinic-has-about-4000-patients status=unconfirmed claimant="Mayor Tom Becker" missing="Clinic records"}');
    repo.commit('Patient count: only the mayor is cited, so unconfirmed', '2026-02-01T10:00:00Z');
    repo.edit('content/cases/riverside-clinic.md', '{#clinic-has-about-4000-patients status=unconfirmed claimant="Mayor Tom Becker" missing="Clinic records"}', claim);
    repo.commit('Patient count disputed again: the nurse cites 6,500 registered patients', '2026-03-05T11:00:00Z');
    repo.edit('content/cases/dumayr-raid.md', `:::claim[${arLabel}]{#raid-killed-khaled-al-masoud`, `:::claim[${arLabel} في أكتوبر]{#raid-killed-khaled-al-masoud`);
    repo.edit('content/cases/dumayr-raid.md', `:::claim[${arSecondLabel}]{#undercover-intelligence-gatherer`, `:::claim[${arSecondLabel} في الضمير]{#undercover-intelligence-gatherer`);
    repo.commit('Reword: the raid was in October', '2026-03-06T08:00:00Z');
    // Later the same day, a commit whose subject was written for the newsroom; its reason for readers is given after.
    repo.edit('content/cases/dumayr-raid.md', `:::claim[${arLabel} في أكتوبر]{#raid-killed-khaled-al-masoud`, `:::claim[${arLabel} في تشرين الأول/أكتوبر]{#raid-killed-khaled-al-masoud`);
    repo.commit('wip month name', '2026-03-06T15:00:00Z');
    const wip = git(repo.root, ['rev-parse', '--short=9', 'HEAD']).trim();
    repo.edit('content/cases/dumayr-raid.md', '\nrevisions:\n', `\nrevisions:\n  ${wip}: "اسم الشهر كما يكتبه التقرير"\n`);
    repo.commit('Reason for readers', '2026-03-07T09:00:00Z');
    build = runBuild({ casesDir });
  });

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('warns of a reason given for a commit the page does not list, at its key, naming the commits it lists', () => {
    // The demo case's reasons name commits of this project's repository, none of them in this one.
    const lines = build.output.split('\n');
    const warnings = lines.filter((line) => line.includes('[TQ607]'));
    expect(warnings).toEqual([
      expect.stringMatching(/content\/cases\/dumayr-raid\.md:11:3 {2}warning {2}Unexpected commit `a6baf87` in `revisions`: .*; the commits of this file that changed claims are `[0-9a-f]{7}` \(2026-03-06\), `[0-9a-f]{7}` \(2026-03-06\)/),
      expect.stringMatching(/content\/cases\/dumayr-raid\.md:12:3 {2}warning {2}Unexpected commit `3bfa0d1`/),
      expect.stringMatching(/content\/cases\/riverside-clinic\.md:17:3 {2}warning {2}Unexpected commit `0f3ab8c`/),
    ]);
    // The commit whose reason is shown (wip, on line 10; the newest, named first) is not reported.
    const wip = git(repo.root, ['log', '--format=%h', '--abbrev=7', '-1', '--grep=wip']).trim();
    expect(warnings[0]).toContain(`are \`${wip}\` (2026-03-06)`);
  });

  it('lists a status changed twice, newest first, with dates and commit subjects as reasons (English)', () => {
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/riverside-clinic/index.html'), 'utf8'));
    const section = select('section#history', page);
    expect(text(select('h2', section!))).toBe('Updates and corrections');
    expect(text(select('.case-meta', section!))).toBe('First published: 2026-01-10 · Last updated: 2026-03-05 · 3 revisions, 2 of them changed claims (listed below)');
    expect(commitsIn(section!)).toEqual([
      { date: '2026-03-05', reason: 'Reason: Patient count disputed again: the nurse cites 6,500 registered patients', changes: [expect.stringMatching(/^Claim \d+: status changed: Unconfirmed → to Disputed$/)] },
      { date: '2026-02-01', reason: 'Reason: Patient count: only the mayor is cited, so unconfirmed', changes: [expect.stringMatching(/^Claim \d+: status changed: Disputed → to Unconfirmed$/)] },
    ]);
    // Each change links to its claim's row.
    expect(select('li[data-claim="clinic-has-about-4000-patients"] a[href="#clinic-has-about-4000-patients"]', section!)).toBeTruthy();
  });

  it('puts the same history in the case\'s JSON export', () => {
    const data = JSON.parse(readFileSync(path.join(build.outDir, 'cases/riverside-clinic.json'), 'utf8')) as { history: { firstPublished: string; claims: { id: string; changes: { kind: string; from?: string; to?: string }[] }[] } };
    expect(data.history.firstPublished).toBe('2026-01-10');
    const changes = data.history.claims.find((c) => c.id === 'clinic-has-about-4000-patients')!.changes;
    expect(changes.map((c) => [c.kind, c.from, c.to])).toEqual([['status', 'disputed', 'unconfirmed'], ['status', 'unconfirmed', 'disputed']]);
  });

  it('speaks Arabic on an Arabic case', () => {
    const escaped = arLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const page = fromHtml(readFileSync(path.join(build.outDir, 'cases/dumayr-raid/index.html'), 'utf8'));
    const section = select('section#history', page);
    expect(text(select('h2', section!))).toBe('التحديثات والتصحيحات');
    // Newest first, by the time of day too; a commit the case file gives a reason for (`revisions`) shows that reason.
    const [later, commit, ...earlier] = commitsIn(section!);
    expect(earlier).toEqual([]);
    expect(later).toMatchObject({ date: '2026-03-06', reason: 'السبب: اسم الشهر كما يكتبه التقرير' });
    expect(later!.changes).toEqual([expect.stringMatching(/^الادعاء 1: أُعيدت صياغته: .+ في أكتوبر ← إلى .+ في تشرين الأول\/أكتوبر$/)]);
    // One commit that reworded two claims: its date and reason once, over both changes.
    expect(commit).toMatchObject({ date: '2026-03-06', reason: 'السبب: Reword: the raid was in October' });
    expect(commit!.changes).toHaveLength(2);
    expect(commit!.changes[0]).toMatch(new RegExp(`^الادعاء 1: أُعيدت صياغته: ${escaped} ← إلى ${escaped} في أكتوبر$`));
    expect(commit!.changes[1]).toMatch(/^الادعاء 2: أُعيدت صياغته: .+ ← إلى .+ في الضمير$/);
    // The arrow is seen, pointing the way Arabic reads; the word is heard.
    expect(select('li[data-kind="label"] [aria-hidden="true"]', section!)).toMatchObject({ children: [{ type: 'text', value: '←' }] });
    // A reason in another language than the case is one isolate in its language: its words keep their order, and a screen reader its voice.
    const reason = select('li[data-commit] .history-reason bdi', section!);
    expect(reason?.properties).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(text(reason)).toBe('Reword: the raid was in October');
  });
});
