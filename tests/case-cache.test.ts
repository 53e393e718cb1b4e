import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../bench/synthetic.ts';
import { derivedFile, hasCachedCase, pruneCaseCache, pruneCaseCacheIfDue, readCachedCase, readCachedFacts, readCachedSummary } from '../src/core/case-cache.ts';
import { pieceBytes } from '../src/core/output-pieces.ts';
import { loadCases } from '../src/core/load-cases.ts';
import { provenanceFacts } from '../src/core/provenance/case-passages.ts';
import { ROOT } from './helpers/seed.ts';

describe('the verified-case cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-case-cache-'));
  const archive = writeArchive(ROOT, dir, 6);
  const cacheDir = path.join(dir, 'cache');
  const tool = 'test-tool';
  /** A kept part's text, as it is published. */
  const text = (piece: { file: string; size: number }) => Buffer.from(pieceBytes(piece)).toString('utf8');

  it('holds each verified case whole, and gives the loader only its summary and provenance facts', async () => {
    const whole = await loadCases(dir, undefined, { tool, workers: 1 });
    const cached = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    expect(cached.cases).toEqual([]);
    expect(cached.published.map((p) => p.summary.id)).toEqual(archive.ids);
    for (const [i, { summary, facts }] of cached.published.entries()) {
      const entry = whole.cases[i]!;
      expect(summary).toMatchObject({ id: entry.id, title: entry.title, lang: entry.lang, tally: entry.tally, claimCount: entry.claims.length });
      expect(summary.documents).toEqual(entry.sources.map((s) => ({ id: s.id, document: s.document, sha256: s.sha256 })));
      expect(readCachedCase(cacheDir, summary)).toEqual(entry);
      expect(facts).toEqual(JSON.parse(JSON.stringify(provenanceFacts(entry))));
      expect(readCachedFacts(cacheDir, summary)).toEqual(facts);
    }
    // The summary is what a content store can hold at archive scale: a small part of the whole case.
    const sizes = cached.published.map((p, i) => JSON.stringify(p.summary).length / JSON.stringify(whole.cases[i]).length);
    expect(Math.max(...sizes)).toBeLessThan(0.1);
  });

  it('gives an edited case a new key, so a page never shows the old version under the new summary', async () => {
    const before = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    archive.editCase(2, 'تعديل للاختبار.');
    const after = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const [old, edited] = [before.published[2]!.summary, after.published[2]!.summary];
    expect(edited.key).not.toBe(old.key);
    expect(readCachedCase(cacheDir, edited).claims[0]!.reasoningHtml).toContain('تعديل للاختبار.');
    expect(readCachedCase(cacheDir, old).claims[0]!.reasoningHtml).not.toContain('تعديل للاختبار.');
    expect(after.published[3]!.summary.key).toBe(before.published[3]!.summary.key);
  });

  it('prunes only files that no current case uses and that nothing touched for a day', async () => {
    const { published } = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const current = new Map(published.map((p) => [p.summary.id, p.summary.key]));
    const longAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    for (const name of readdirSync(cacheDir)) utimesSync(path.join(cacheDir, name), longAgo, longAgo);
    const stale = readdirSync(cacheDir).filter((n) => ![...current].some(([id, key]) => n.startsWith(`${id}.${key}.`)));
    expect(stale.length).toBeGreaterThan(0); // the version of case 2 from before its edit
    expect(pruneCaseCache(cacheDir, current)).toBe(stale.length);
    for (const { summary } of published) expect(readCachedCase(cacheDir, summary).id).toBe(summary.id);
    // A case found in the cache by a build is marked as used, so another build's pruning keeps it.
    const [first] = published;
    const file = path.join(cacheDir, `${first!.summary.id}.${first!.summary.key}.case.json`);
    utimesSync(file, longAgo, longAgo);
    expect(hasCachedCase(cacheDir, first!.summary)).toBe(true);
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
    expect(pruneCaseCache(cacheDir, new Map())).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(true);
  });

  it('prunes at most hourly in builds, so a folder full of old versions does not slow every rebuild', async () => {
    const { published } = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const current = new Map(published.map((p) => [p.summary.id, p.summary.key]));
    const longAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const oldVersion = (n: number) => {
      const file = path.join(cacheDir, `${published[0]!.summary.id}.${String(n).repeat(24)}.case.json`);
      writeFileSync(file, '{}');
      utimesSync(file, longAgo, longAgo);
      return file;
    };
    const first = oldVersion(1);
    const now = Date.now();
    expect(pruneCaseCacheIfDue(cacheDir, current, now)).toBeGreaterThanOrEqual(1);
    expect(existsSync(first)).toBe(false);
    // Half an hour later the next build does not read the folder's files again: an old version waits.
    const second = oldVersion(2);
    expect(pruneCaseCacheIfDue(cacheDir, current, now + 30 * 60 * 1000)).toBeUndefined();
    expect(existsSync(second)).toBe(true);
    // An hour after the last prune it is due again.
    expect(pruneCaseCacheIfDue(cacheDir, current, now + 61 * 60 * 1000)).toBe(1);
    expect(existsSync(second)).toBe(false);
    for (const { summary } of published) expect(readCachedCase(cacheDir, summary).id).toBe(summary.id);
  });

  it('keeps a text derived from a case under its key: made once, read back, pruned with the case', async () => {
    const { published } = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const { summary } = published[4]!;
    let made = 0;
    const make = () => `part of ${readCachedCase(cacheDir, summary).title} #${++made}`;
    const first = derivedFile(cacheDir, summary, 'claims-0123456789ab', make);
    expect(text(first)).toBe(`part of ${readCachedCase(cacheDir, summary).title} #1`);
    expect(derivedFile(cacheDir, summary, 'claims-0123456789ab', make)).toEqual(first);
    expect(made).toBe(1);
    // Another context (other site addresses or labels) is another text.
    expect(text(derivedFile(cacheDir, summary, 'claims-ba9876543210', make))).toBe(`part of ${readCachedCase(cacheDir, summary).title} #2`);
    expect(() => derivedFile(cacheDir, summary, '../escape', make)).toThrow(/letters, a dash and 12 hex digits/);
    const file = path.join(cacheDir, `${summary.id}.${summary.key}.claims-0123456789ab.json`);
    const longAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(file, longAgo, longAgo);
    pruneCaseCache(cacheDir, new Map([[summary.id, summary.key]]));
    expect(existsSync(file)).toBe(true);
    pruneCaseCache(cacheDir, new Map());
    expect(existsSync(file)).toBe(false);
  });

  it('tells a derived text cut short, grown or overwritten (a damaged cache restore) from a whole one, and makes it again', async () => {
    const { published } = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const { summary } = published[5]!;
    let made = 0;
    const make = () => `نص مشتق ${++made}`;
    const whole = derivedFile(cacheDir, summary, 'claims-00000000000d', make);
    const wholeText = text(whole);
    const damages: [string, () => void][] = [
      ['cut short', () => truncateSync(whole.file, statSync(whole.file).size - 1)],
      ['cut to its text alone', () => truncateSync(whole.file, whole.size)],
      ['grown', () => appendFileSync(whole.file, 'x')],
      ['overwritten, same size', () => writeFileSync(whole.file, 'x'.repeat(statSync(whole.file).size))],
      ['emptied', () => truncateSync(whole.file, 0)],
    ];
    for (const [damage, doIt] of damages) {
      doIt();
      const again = derivedFile(cacheDir, summary, 'claims-00000000000d', make);
      expect(text(again), damage).toBe(`نص مشتق ${made}`);
      expect(again.size, damage).toBe(Buffer.byteLength(`نص مشتق ${made}`));
    }
    expect(made).toBe(1 + damages.length);
    expect(wholeText).toBe('نص مشتق 1');
    // Whole again: kept, not made.
    derivedFile(cacheDir, summary, 'claims-00000000000d', make);
    expect(made).toBe(1 + damages.length);
  });

  it('holds a case whole only at the sizes it was written with: a file cut short is not kept, and reading it names the case and the fix', async () => {
    const { published } = await loadCases(dir, undefined, { tool, workers: 1, cacheDir });
    const { summary } = published[1]!;
    expect(summary.sizes).toHaveLength(2);
    expect(hasCachedCase(cacheDir, summary)).toBe(true);
    expect(readCachedSummary(cacheDir, summary.id, summary.key)).toEqual(summary);
    for (const kind of ['case', 'facts']) {
      const file = path.join(cacheDir, `${summary.id}.${summary.key}.${kind}.json`);
      const bytes = readFileSync(file);
      truncateSync(file, bytes.length - 7);
      expect(hasCachedCase(cacheDir, summary), kind).toBe(false);
      expect(readCachedSummary(cacheDir, summary.id, summary.key), kind).toBeUndefined();
      const read = () => (kind === 'case' ? readCachedCase(cacheDir, summary) : readCachedFacts(cacheDir, summary));
      expect(read, kind).toThrow(new RegExp(`\`${summary.id}\` in .* is damaged \\(${bytes.length - 7} bytes where ${bytes.length} were written\\); run the command again`));
      writeFileSync(file, bytes);
      expect(hasCachedCase(cacheDir, summary), kind).toBe(true);
    }
    // A summary that recorded no sizes (`tahqiq check` caches nothing) never counts as cached.
    const { sizes: _sizes, ...unsized } = summary;
    expect(hasCachedCase(cacheDir, unsized)).toBe(false);
  });

  it('names the missing case and the fix when the cache was cleared under a running build', () => {
    const summary = { id: 'gone', key: '0'.repeat(24) } as Parameters<typeof readCachedCase>[1];
    expect(() => readCachedCase(cacheDir, summary)).toThrow(/`gone` is missing .*run the command again/);
  });
});
