/**
 * Reading one case's entry of a large source lock (`tahqiq check <one file>` in a big archive): the byte-range index
 * (src/core/provenance/lock-index.ts) gives exactly what reading the whole lock gives, and is never trusted once the
 * lock file changed.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexLockEntries } from '../src/core/provenance/lock-index.ts';
import { readLock, readLockEntries, serializeLock, writeLock } from '../src/core/provenance/lock-file.ts';
import { ProblemList } from '../src/core/problems.ts';
import type { SourcesLock } from '../src/schemas/sources-lock.ts';

const SHA = 'a'.repeat(64);

/** A lock of `n` cases; passages hold quotes, backslashes and Arabic, as real ones may. */
function lockOf(n: number): SourcesLock {
  const lock: SourcesLock = { version: 1, cases: {} };
  for (let i = 0; i < n; i++) {
    lock.cases[`content/cases/case-${i}.md`] = {
      sources: { [`seeds/s-${i}.txt`]: { sha256: SHA, claims: { [`claim-${i}`]: { passage: `قال "المجلس" \\ ${i} {}[],:`, start: i, end: i + 20, line: 1, column: i + 1 } } } },
    };
  }
  return lock;
}

function project(text: string): { root: string; indexDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-lock-index-'));
  writeFileSync(path.join(root, 'sources.lock.json'), text);
  return { root, indexDir: path.join(root, 'cache') };
}

const seen = (problems: ProblemList) => problems.items.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code} ${p.message}`);

describe('the source lock index', () => {
  it('finds each case entry\'s bytes in any JSON layout, the last of a key written twice winning as in JSON.parse', () => {
    const lock = lockOf(3);
    for (const text of [serializeLock(lock), JSON.stringify(lock), JSON.stringify({ cases: lock.cases, version: 1 }, null, '\t')]) {
      const bytes = Buffer.from(text);
      const entries = indexLockEntries(bytes)!;
      expect(Object.keys(entries).sort()).toEqual(Object.keys(lock.cases).sort());
      for (const [file, [start, end]] of Object.entries(entries)) expect(JSON.parse(bytes.toString('utf8', start, end))).toEqual(lock.cases[file]);
    }
    const twice = Buffer.from('{"version":1,"cases":{"a.md":{"sources":{}},"a.md":{"sources":{"x":1}}}}');
    const [start, end] = indexLockEntries(twice)!['a.md']!;
    expect(twice.toString('utf8', start, end)).toBe('{"sources":{"x":1}}');
    expect(indexLockEntries(Buffer.from('[1, 2]'))).toBeUndefined();
  });

  it('reads one case\'s entry as reading the whole lock does, first by reading it whole, then from the index', async () => {
    const text = serializeLock(lockOf(50));
    const { root, indexDir } = project(text);
    const files = ['content/cases/case-7.md', 'content/cases/missing.md'];
    const whole = await readLock(root, 'sources.lock.json', new ProblemList(), files);
    const expected = { version: 1, cases: { 'content/cases/case-7.md': whole.lock.cases['content/cases/case-7.md'] } };
    for (const run of ['miss', 'hit']) {
      const problems = new ProblemList();
      const read = await readLockEntries(root, 'sources.lock.json', problems, files, { indexDir, minBytes: 0 });
      expect(read, run).toEqual({ lock: expected, exists: true, valid: true });
      expect(seen(problems)).toEqual([]);
      expect(readdirSync(indexDir), run).toHaveLength(1);
    }
  });

  it('stops trusting the index once the lock changes, and reports a damaged lock as reading it whole does', async () => {
    const text = serializeLock(lockOf(50));
    const { root, indexDir } = project(text);
    const one = ['content/cases/case-3.md'];
    await readLockEntries(root, 'sources.lock.json', new ProblemList(), one, { indexDir, minBytes: 0 });
    // Same length, same entry for case-3, broken elsewhere: only a full read notices.
    const damaged = text.replace('"content/cases/case-40.md": {', '"content/cases/case-40.md": [');
    expect(damaged.length).toBe(text.length);
    writeFileSync(path.join(root, 'sources.lock.json'), damaged);
    const fast = new ProblemList();
    const read = await readLockEntries(root, 'sources.lock.json', fast, one, { indexDir, minBytes: 0 });
    const slow = new ProblemList();
    await readLock(root, 'sources.lock.json', slow, one);
    expect(read.valid).toBe(false);
    expect(seen(fast)).toEqual(seen(slow));
    expect(seen(fast)[0]).toMatch(/^sources\.lock\.json:\d+:\d+ TQ605 Unexpected JSON in `sources\.lock\.json`/);
  });

  it('reports an invalid entry of the case at its place in the whole file, even when the index is current', async () => {
    const lock = lockOf(20);
    const { root, indexDir } = project('');
    lock.cases['content/cases/case-9.md']!.sources['seeds/s-9.txt']!.sha256 = 'x';
    await writeLock(root, 'sources.lock.json', lock, { indexDir, minBytes: 0 });
    expect(readdirSync(indexDir)).toHaveLength(1); // written with the lock: the next read is a hit
    const fast = new ProblemList();
    const read = await readLockEntries(root, 'sources.lock.json', fast, ['content/cases/case-9.md'], { indexDir, minBytes: 0 });
    const slow = new ProblemList();
    await readLock(root, 'sources.lock.json', slow, ['content/cases/case-9.md']);
    expect(read).toMatchObject({ exists: true, valid: false, lock: { cases: {} } });
    expect(seen(fast)).toEqual(seen(slow));
    expect(seen(fast)[0]).toMatch(/TQ605 Unexpected entry for `content\/cases\/case-9\.md → seeds\/s-9\.txt` in `sources\.lock\.json`: sha256 expected 64 lowercase hex digits/);
    expect(readFileSync(path.join(root, 'sources.lock.json'), 'utf8')).toBe(serializeLock(lock));
  });
});
