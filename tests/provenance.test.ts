import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHistories } from '../src/core/provenance/read-history.ts';
import { git, TestRepo } from './helpers/git-repo.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/provenance/${name}`, import.meta.url), 'utf8');
const CASE = 'content/cases/harbor-clinic.md';

/**
 * A newsroom's month, in a real git repository: a case is published, one claim's status changes twice,
 * a quote is reworded, then the wire corrects the source (a line inserted, words changed, a sentence removed).
 */
describe('provenance in a git repository', () => {
  const repo = new TestRepo();
  const runs: Record<string, ReturnType<TestRepo['tahqiq']>> = {};

  beforeAll(() => {
    repo.write('seeds/report.txt', fixture('report.txt'));
    repo.write(CASE, fixture('harbor-clinic.md'));
    repo.commit('Publish the Harbor clinic fact-check', '2026-01-10T09:00:00Z');
    repo.edit(CASE, '{#patient-count status=confirmed', '{#patient-count status=disputed');
    repo.commit('Patient count disputed: clinic records cite 4,100 patients', '2026-02-01T10:00:00Z');
    repo.edit(CASE, '{#patient-count status=disputed claimant="The mayor\'s office"}', '{#patient-count status=unconfirmed claimant="The mayor\'s office" missing="Clinic records"}');
    runs['firstAccept'] = repo.tahqiq(['check', '--accept']);
    repo.commit('Patient count unconfirmed: neither figure can be checked', '2026-03-05T11:00:00+02:00');
    repo.edit(CASE, '> will close on June 30\n', '> will close on June 30, the town council said on Monday\n');
    runs['rewordedBeforeAccept'] = repo.tahqiq(['check']);
    runs['secondAccept'] = repo.tahqiq(['check', '--accept']);
    repo.commit("Quote the council's closure date in full", '2026-03-20T12:00:00Z');
    repo.write('seeds/report.txt', fixture('report-corrected.txt'));
    repo.commit('Source corrected by Example Wire: van schedule', '2026-04-02T08:00:00Z');
    runs['afterSourceEdit'] = repo.tahqiq(['check']);
    runs['afterSourceEditJson'] = repo.tahqiq(['check', '--format', 'json']);
    repo.edit(CASE, '> a mobile van would visit the town twice a week', '> a mobile van would visit the town three times a week');
    const text = repo.read(CASE);
    repo.write(CASE, text.slice(0, text.indexOf(':::claim[Forty jobs')).trimEnd() + '\n');
    runs['requoted'] = repo.tahqiq(['check']);
    runs['accepted'] = repo.tahqiq(['check', '--accept']);
    runs['afterAccept'] = repo.tahqiq(['check']);
    repo.commit('Van schedule corrected; union claim withdrawn (its sentence left the source)', '2026-04-03T09:30:00Z');
  });

  it('records every case in the lock on the first --accept, with each quoted passage as the source wrote it', () => {
    expect(runs['firstAccept']!.status).toBe(0);
    const lock = JSON.parse(git(repo.root, ['show', 'HEAD~2:content/sources.lock.json'])) as { cases: Record<string, { sources: Record<string, { sha256: string; claims: Record<string, { passage: string; line: number }> }> }> };
    const source = lock.cases[CASE]!.sources['seeds/report.txt']!;
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(source.claims)).toEqual(['closure-date', 'patient-count', 'van-schedule', 'union-jobs']);
    expect(source.claims['van-schedule']).toMatchObject({ passage: 'a mobile van would visit the town twice a week', line: 4 });
  });

  it('only notes a lock out of date when a quote is reworded against an unchanged source', () => {
    expect(runs['rewordedBeforeAccept']!.status).toBe(0);
    expect(runs['rewordedBeforeAccept']!.stdout).toContain('note: content/sources.lock.json is out of date for content/cases/harbor-clinic.md: 1 quoted passage changed since last accepted (#closure-date)');
    expect(runs['secondAccept']!.status).toBe(0);
  });

  it('reports the changed source with both checksums and re-anchors every claim: moved, fuzzy, orphaned', () => {
    const run = runs['afterSourceEdit']!;
    expect(run.status).toBe(1);
    const out = run.stderr;
    const oldSha = /sha256 ([0-9a-f]{64})\n/.exec(out)?.[1];
    const newSha = /→ sha256 ([0-9a-f]{64})/.exec(out)?.[1];
    expect(oldSha).toBeDefined();
    expect(newSha).not.toBe(oldSha);
    expect(out).toContain(`content/cases/harbor-clinic.md:5:13  warning  Source \`seeds/report.txt\` changed since this case's claims were last checked: SHA-256 was \`${oldSha}\`, now \`${newSha}\`  [TQ600]`);
    expect(out).toMatch(/#closure-date\s+moved\s+2:\d+ → 3:\d+/);
    expect(out).toMatch(/#patient-count\s+moved\s+3:\d+ → 4:\d+/);
    expect(out).toMatch(/#van-schedule\s+fuzzy\s+4:\d+ → 5:\d+ {2}\(\d+% of words shared; accept with --accept\)\n\s+old: a mobile van would visit the town twice a week\n\s+new: a mobile van would visit the town three times a week/);
    expect(out).toMatch(/#union-jobs\s+orphaned\s+5:\d+ → not found\n\s+old: 40 jobs would be lost/);
    expect(out).toMatch(/harbor-clinic\.md:\d+:\d+ {2}error {2}Quote of `#union-jobs` no longer found in `seeds\/report\.txt`.*\[TQ603\]/);
    expect(out).toMatch(/harbor-clinic\.md:\d+:\d+ {2}error {2}Quote of `#van-schedule` changed in `seeds\/report\.txt`.*\[TQ602\]/);
    // The quotes themselves no longer anchor either: the case check says so at the quotes.
    expect(out).toContain('[TQ303]');
  });

  it('gives tools the same report as JSON', () => {
    const json = JSON.parse(runs['afterSourceEditJson']!.stdout) as { provenance: { changes: { claims: { claim: string; kind: string }[] }[] } };
    expect(json.provenance.changes[0]!.claims.map((c) => [c.claim, c.kind])).toEqual([
      ['closure-date', 'moved'], ['patient-count', 'moved'], ['van-schedule', 'fuzzy'], ['union-jobs', 'orphaned'],
    ]);
  });

  it('keeps a re-quoted claim failing as fuzzy until --accept, then passes', () => {
    expect(runs['requoted']!.status).toBe(1);
    expect(runs['requoted']!.stderr).toMatch(/Quote of `#van-schedule` changed in `seeds\/report\.txt` \(\d+% of words shared\): was `a mobile van would visit the town twice a week` at 4:\d+, now `a mobile van would visit the town three times a week` at 5:\d+/);
    expect(runs['requoted']!.stderr).not.toContain('TQ603'); // the withdrawn claim no longer needs its passage
    expect(runs['accepted']!.status).toBe(0);
    expect(runs['accepted']!.stdout).toContain('note: accepted: content/sources.lock.json records 1 case');
    expect(runs['afterAccept']!.status).toBe(0);
    expect(runs['afterAccept']!.stdout).toContain('0 errors, 0 warnings');
  });

  it('reads each claim\'s history from git: a status changed twice, reworded quotes, a withdrawn claim', async () => {
    const histories = await readHistories({ root: repo.root, casesDir: 'content/cases' });
    expect(histories.state).toBe('full');
    const history = histories.byFile.get(CASE)!;
    expect(history).toMatchObject({ firstPublished: '2026-01-10', lastUpdated: '2026-04-03', commits: 5, partial: false });
    const claim = (id: string) => history.claims.find((c) => c.id === id)!;
    expect(claim('patient-count')).toEqual({
      id: 'patient-count',
      since: '2026-01-10',
      firstStatus: 'confirmed',
      changes: [
        expect.objectContaining({ date: '2026-02-01', kind: 'status', from: 'confirmed', to: 'disputed', reason: 'Patient count disputed: clinic records cite 4,100 patients' }),
        // 11:00 at +02:00 is 09:00 UTC: dates are UTC days.
        expect.objectContaining({ date: '2026-03-05', kind: 'status', from: 'disputed', to: 'unconfirmed', reason: 'Patient count unconfirmed: neither figure can be checked' }),
      ],
    });
    expect(claim('closure-date').changes).toEqual([
      expect.objectContaining({ date: '2026-03-20', kind: 'quote', from: 'will close on June 30', to: 'will close on June 30, the town council said on Monday' }),
    ]);
    expect(claim('van-schedule').changes.map((c) => [c.date, c.kind])).toEqual([['2026-04-03', 'quote']]);
    expect(claim('union-jobs').changes).toEqual([
      // With its last statement: the reader learns what was withdrawn, not only its id.
      expect.objectContaining({ date: '2026-04-03', kind: 'removed', from: 'unconfirmed', statement: 'Forty jobs will be lost', reason: 'Van schedule corrected; union claim withdrawn (its sentence left the source)' }),
    ]);
  });

  it('reuses the history while HEAD is unchanged and reads git again after a commit', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-cache-'));
    expect((await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir })).cached).toBe(false);
    expect((await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir })).cached).toBe(true);
    repo.edit(CASE, 'reviewed: 2026-01-10', 'reviewed: 2026-04-05');
    repo.commit('Review date', '2026-04-05T09:00:00Z');
    const again = await readHistories({ root: repo.root, casesDir: 'content/cases', cacheDir });
    expect(again.cached).toBe(false);
    expect(again.byFile.get(CASE)!.lastUpdated).toBe('2026-04-05');
  });

  it('says plainly that history is partial in a shallow clone', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'tahqiq-shallow-'));
    git(clone, ['clone', '-q', '--depth', '2', `file://${repo.root}`, '.']);
    const histories = await readHistories({ root: clone, casesDir: 'content/cases', cacheDir: path.join(clone, '.cache') });
    expect(histories.state).toBe('partial');
    expect(histories.notice).toContain('shallow clone: verdict history is partial');
    const history = histories.byFile.get(CASE)!;
    expect(history.partial).toBe(true);
    expect(history.commits).toBe(2);
  });

  it('reads git again when a shallow clone is deepened, HEAD staying where it was', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'tahqiq-deepen-'));
    git(clone, ['clone', '-q', '--depth', '2', `file://${repo.root}`, '.']);
    const cacheDir = path.join(clone, '.cache');
    await readHistories({ root: clone, casesDir: 'content/cases', cacheDir });
    expect((await readHistories({ root: clone, casesDir: 'content/cases', cacheDir })).cached).toBe(true);
    git(clone, ['fetch', '-q', '--deepen', '1']);
    const deeper = await readHistories({ root: clone, casesDir: 'content/cases', cacheDir });
    expect(deeper.cached).toBe(false);
    expect(deeper.byFile.get(CASE)!.commits).toBe(3);
  });

  it('has no history outside git, and says so', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'tahqiq-nogit-'));
    cpSync(repo.root, copy, { recursive: true });
    rmSync(path.join(copy, '.git'), { recursive: true });
    const histories = await readHistories({ root: copy, casesDir: 'content/cases', cacheDir: path.join(copy, '.cache') });
    expect(histories.state).toBe('none');
    expect(histories.byFile.size).toBe(0);
    expect(histories.notice).toContain('not a git repository');
  });
});

describe('a source whose change is only on lines before the quoted ones', () => {
  it('reports the change of the source, and every passage still at its line and column as unchanged, not moved', () => {
    const repo = new TestRepo();
    repo.write('seeds/report.txt', fixture('report.txt'));
    repo.write(CASE, fixture('harbor-clinic.md'));
    expect(repo.tahqiq(['check', '--accept']).status).toBe(0);
    // The headline gets longer: every offset after it moves, no quoted passage changes its line or column.
    repo.write('seeds/report.txt', fixture('report.txt').replace('Harbor clinic to close in June', 'Harbor community clinic to close in late June'));
    const run = repo.tahqiq(['check', '--format', 'json']);
    const json = JSON.parse(run.stdout) as { problems: { code: string }[]; provenance: { changes: { claims: { claim: string; kind: string }[] }[] } };
    expect(json.problems.map((p) => p.code)).toContain('TQ600');
    expect(json.problems.map((p) => p.code)).not.toContain('TQ601');
    expect(json.provenance.changes[0]!.claims.map((c) => c.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
  });
});
