/**
 * A rebuild does not check again, against the source lock, the cases the last build found clean and that have not
 * changed since (src/core/provenance/clean-cases.ts), and never hides a problem by it: any write to the lock, any
 * change to a case or its sources, another tool, or a problem found makes the case checked again. Real case files,
 * sources and lock, checked by the same call the content loader makes.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../bench/synthetic.ts';
import { entryKey } from '../src/core/case-cache.ts';
import { loadCases } from '../src/core/load-cases.ts';
import { ProblemList } from '../src/core/problems.ts';
import { provenanceFacts } from '../src/core/provenance/case-passages.ts';
import { checkForBuild, type BuiltCase } from '../src/core/provenance/for-build.ts';
import { acceptIntoLock } from '../src/core/provenance/check-provenance.ts';
import { emptyLock, writeLock } from '../src/core/provenance/lock-file.ts';
import { ROOT } from './helpers/seed.ts';

const LOCK = 'content/sources.lock.json';

describe('cases found clean against the source lock', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-clean-cases-'));
  const archive = writeArchive(ROOT, root, 5);
  const cacheDir = path.join(root, 'cache');
  const fileOf = (i: number) => `content/cases/${archive.ids[i]}.md`;

  /** Verifies the archive as the loader does, then runs the build's lock check: its counts and problem codes by file. */
  async function build(options: { tool?: string; fresh?: boolean } = {}) {
    const loaded = await loadCases(root, undefined, { workers: 1 });
    expect(loaded.problems.errors).toEqual([]);
    const cases: BuiltCase[] = loaded.cases.map((entry) => ({
      id: entry.id,
      key: entryKey(entry),
      documents: Object.fromEntries(entry.sources.map((s) => [s.document, s.sha256])),
      facts: () => provenanceFacts(entry),
    }));
    const problems = new ProblemList();
    const { lock } = await checkForBuild({ root, casesDir: 'content/cases', files: loaded.files, cases, problems, log: () => {}, tool: options.tool ?? 'tool-1', fresh: options.fresh ?? false, cacheDir, lockFile: LOCK });
    return { ...lock, problems: problems.items.map((p) => `${p.file} ${p.code}`) };
  }

  it('checks every case the first time, then none while nothing changed, and every one again in a fresh build', async () => {
    const loaded = await loadCases(root, undefined, { workers: 1 });
    const { lock } = await acceptIntoLock({ root, lock: emptyLock(), cases: loaded.cases.map((entry) => ({ file: entry.file, entry })) });
    await writeLock(root, LOCK, lock, { indexDir: cacheDir, minBytes: 0 });

    expect(await build()).toEqual({ checked: 5, remembered: 0, problems: [] });
    expect(await build()).toEqual({ checked: 0, remembered: 5, problems: [] });
    expect(await build({ fresh: true })).toEqual({ checked: 5, remembered: 0, problems: [] });
    expect(await build({ tool: 'tool-2' })).toEqual({ checked: 5, remembered: 0, problems: [] });
    expect(await build({ tool: 'tool-2' })).toEqual({ checked: 0, remembered: 5, problems: [] });
  });

  it('keeps them when the lock is written again with the same bytes (a fresh checkout in CI, the cache restored)', async () => {
    const file = path.join(root, LOCK);
    const before = statSync(file, { bigint: true });
    writeFileSync(file, readFileSync(file));
    expect(statSync(file, { bigint: true }).ctimeNs).not.toBe(before.ctimeNs);
    expect(await build({ tool: 'tool-2' })).toEqual({ checked: 0, remembered: 5, problems: [] });
  });

  it('checks every case again once the lock is written, and reports the one it no longer matches on every build', async () => {
    const text = readFileSync(path.join(root, LOCK), 'utf8');
    const lock = JSON.parse(text) as { cases: Record<string, { sources: Record<string, { sha256: string }> }> };
    const tampered = Object.values(lock.cases[fileOf(2)]!.sources)[0]!;
    tampered.sha256 = 'f'.repeat(64);
    writeFileSync(path.join(root, LOCK), `${JSON.stringify(lock, null, 2)}\n`);

    expect(await build()).toEqual({ checked: 5, remembered: 0, problems: [`${fileOf(2)} TQ600`] });
    expect(await build()).toEqual({ checked: 1, remembered: 4, problems: [`${fileOf(2)} TQ600`] });
    writeFileSync(path.join(root, LOCK), text);
    expect(await build()).toEqual({ checked: 5, remembered: 0, problems: [] });
  });

  it('checks again the case whose source changed, and finds the change', async () => {
    const source = path.join(root, `seeds/bench/${archive.ids[3]}.txt`);
    const text = readFileSync(source);
    expect(await build()).toEqual({ checked: 0, remembered: 5, problems: [] });
    archive.editSource(3, 'تعديل');
    const after = await build();
    expect(after).toMatchObject({ checked: 1, remembered: 4 });
    expect(after.problems).toContain(`${fileOf(3)} TQ600`);
    writeFileSync(source, text);
    expect(await build()).toEqual({ checked: 1, remembered: 4, problems: [] });
  });

  it('never remembers a case whose lock entry records a source it does not read (a change to that source must still be found)', async () => {
    const lock = JSON.parse(readFileSync(path.join(root, LOCK), 'utf8')) as { cases: Record<string, { sources: Record<string, unknown> }> };
    const [otherDocument, otherEntry] = Object.entries(lock.cases[fileOf(1)]!.sources)[0]!;
    lock.cases[fileOf(0)]!.sources[otherDocument] = otherEntry;
    writeFileSync(path.join(root, LOCK), `${JSON.stringify(lock, null, 2)}\n`);

    expect(await build()).toEqual({ checked: 5, remembered: 0, problems: [] });
    expect(await build()).toEqual({ checked: 1, remembered: 4, problems: [] });
    archive.editSource(1, 'تعديل');
    const after = await build();
    expect(after.problems).toEqual(expect.arrayContaining([`${fileOf(0)} TQ600`, `${fileOf(1)} TQ600`]));
  });
});
