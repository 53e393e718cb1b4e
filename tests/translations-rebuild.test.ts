/**
 * `translations:` checked again on a rebuild: a case kept from the last run (not verified again) still has its links
 * checked against the cases of this run, so a rebuild reports what a run from nothing reports, at the same places,
 * and fails where it fails (a page must not be published with hreflang links to a page that is gone or does not link
 * back). On real runs of the loader over a copy of tests/fixtures/site-translations, and one real rebuild.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifiedRecord } from '../src/core/case-digest.ts';
import { loadCases, type LoadedCases } from '../src/core/load-cases.ts';
import { formatProblem } from '../src/core/problems.ts';
import type { CaseSummary } from '../src/schemas/case-summary.ts';
import { projectCopy, tryBuild } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';

const FIXTURE = path.join(ROOT, 'tests/fixtures/site-translations');
const SEED = 'seeds/sample-en-riverside-clinic.txt';
const EN = 'content/cases/riverside-van-en.md';
const AR = 'content/cases/riverside-van-ar.md';

/** A project holding only the fixture's two cases (each lists the other) and their source. */
function pairProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-translations-rebuild-'));
  mkdirSync(path.join(root, 'seeds'));
  cpSync(path.join(ROOT, SEED), path.join(root, SEED));
  cpSync(FIXTURE, path.join(root, 'content/cases'), { recursive: true });
  return root;
}

/** What the loader keeps between runs: each case's record, and the summary its store holds of each published case. */
interface Run {
  loaded: LoadedCases;
  records: ReadonlyMap<string, VerifiedRecord>;
  summaries: Map<string, CaseSummary>;
}

/**
 * One run of the loader as the content loader makes it (src/loaders/case-loader.ts): with the verified-case cache,
 * the last run's records, and the summaries of the kept cases from the store.
 */
async function run(root: string, last?: Run): Promise<Run> {
  const loaded = await loadCases(root, undefined, {
    tool: 'test-tool', workers: 1, cacheDir: path.join(root, 'case-cache'),
    previous: last?.records, keptEntry: last && ((id) => last.summaries.get(id)),
  });
  const summaries = new Map<string, CaseSummary>();
  for (const id of loaded.kept) summaries.set(id, last!.summaries.get(id)!);
  for (const { summary } of loaded.published) summaries.set(summary.id, summary);
  return { loaded, records: loaded.records, summaries };
}

/** The problems of a run as they are printed: file:line:column, severity, message, code and hint. */
const printed = (loaded: LoadedCases) => loaded.problems.items.map(formatProblem);

/** Ids of the cases a run publishes, verified now or kept. */
const publishedIds = (loaded: LoadedCases) => [...loaded.published.map((p) => p.summary.id), ...loaded.kept].sort();

describe('translations checked on a rebuild that keeps unchanged cases', () => {
  it('keeps both cases of a valid pair without verifying them again when nothing changed', async () => {
    const root = pairProject();
    const first = await run(root);
    expect(printed(first.loaded)).toEqual([]);
    expect(publishedIds(first.loaded)).toEqual(['riverside-van-ar', 'riverside-van-en']);
    const again = await run(root, first);
    expect(again.loaded.published).toEqual([]);
    expect(again.loaded.kept).toEqual(['riverside-van-ar', 'riverside-van-en']);
    expect(printed(again.loaded)).toEqual([]);
    expect([...again.records.keys()]).toEqual(['riverside-van-ar', 'riverside-van-en']);
  });

  it('fails a kept case whose translation was deleted, with TQ505 where a run from nothing reports it', async () => {
    const root = pairProject();
    const first = await run(root);
    rmSync(path.join(root, AR));
    const again = await run(root, first);
    const fresh = await run(root);
    expect(fresh.loaded.problems.errors.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`)).toEqual([`${EN}:9:16 TQ505`]);
    expect(printed(again.loaded)).toEqual(printed(fresh.loaded));
    // Not published, and not recorded: the next run verifies it again, and reports it again until it is fixed.
    expect(publishedIds(again.loaded)).toEqual([]);
    expect(again.records.has('riverside-van-en')).toBe(false);
    const third = await run(root, again);
    expect(printed(third.loaded)).toEqual(printed(fresh.loaded));
  });

  it('fails a kept case whose translation no longer links back, with TQ507 where a run from nothing reports it', async () => {
    const root = pairProject();
    const first = await run(root);
    const ar = readFileSync(path.join(root, AR), 'utf8');
    writeFileSync(path.join(root, AR), ar.replace('translations: [riverside-van-en]\n', ''));
    const again = await run(root, first);
    const fresh = await run(root);
    expect(fresh.loaded.problems.errors.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`)).toEqual([`${EN}:9:16 TQ507`]);
    expect(printed(again.loaded)).toEqual(printed(fresh.loaded));
    // The case that dropped its link is fine on its own (verified again, published); the kept one is not published.
    expect(publishedIds(again.loaded)).toEqual(['riverside-van-ar']);
    expect(again.loaded.kept).toEqual([]);
    // Linked back again: the next rebuild publishes both, with no problem.
    writeFileSync(path.join(root, AR), ar);
    const fixed = await run(root, again);
    expect(printed(fixed.loaded)).toEqual([]);
    expect(publishedIds(fixed.loaded)).toEqual(['riverside-van-ar', 'riverside-van-en']);
  });

  it('checks a kept case against a case verified again since, not against that case as the last run stored it', async () => {
    const root = pairProject();
    const first = await run(root);
    // The Arabic case now in English: the English case, kept, links to a case in its own language (TQ506).
    const ar = readFileSync(path.join(root, AR), 'utf8');
    writeFileSync(path.join(root, AR), ar.replace('lang: ar\n', 'lang: en\n'));
    const again = await run(root, first);
    const fresh = await run(root);
    expect(fresh.loaded.problems.errors.map((p) => p.code)).toEqual(['TQ506', 'TQ506']);
    expect(printed(again.loaded)).toEqual(printed(fresh.loaded));
  });

  it('verifies again an unchanged case whose stored summary is unknown, since its links could not be checked', async () => {
    const root = pairProject();
    const first = await run(root);
    first.summaries.delete('riverside-van-en');
    const again = await run(root, first);
    expect(again.loaded.kept).toEqual(['riverside-van-ar']);
    expect(again.loaded.published.map((p) => p.summary.id)).toEqual(['riverside-van-en']);
    expect(printed(again.loaded)).toEqual([]);
  });
});

describe('a real rebuild after one case of a translated pair is deleted', () => {
  it('keeps the pair unchanged, then fails with the TQ505 a build from nothing reports, at the same place', async () => {
    const dir = projectCopy();
    cpSync(FIXTURE, path.join(dir, 'content/cases'), { recursive: true });
    const build = () => tryBuild(dir);
    const first = build();
    expect(first.status, first.log).toBe(0);
    const unchanged = build();
    expect(unchanged.status, unchanged.log).toBe(0);
    expect(unchanged.log).toMatch(/\b0 cases verified \(0 claims\), 4 unchanged kept\b/);
    rmSync(path.join(dir, AR));
    const rebuild = build();
    expect(rebuild.status).not.toBe(0);
    // What a run from nothing over the same files reports, printed as the build prints it.
    const fresh = await loadCases(dir, undefined, { workers: 1 });
    const expected = fresh.problems.errors.map(formatProblem);
    expect(expected.map((e) => e.split('  ')[0])).toEqual([`${EN}:9:16`]);
    for (const problem of expected) expect(rebuild.log).toContain(problem);
    expect(rebuild.log).toContain('1 content error');
  }, 360_000);
});
