import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexCache } from '../src/core/search/index-cache.ts';
import { PagesDigest } from '../src/integrations/built-pages.ts';

describe('kept Pagefind bundles', () => {
  const pages = [
    { file: 'cases/b/index.html', bytes: Buffer.from('<p>ب</p>') },
    { file: 'cases/a/index.html', bytes: Buffer.from('<p>أ</p>') },
  ];

  it('digests the same pages to the same key in any order, and to another key when a page, a path or the settings change', () => {
    const key = IndexCache.key('pagefind 1.6.0', PagesDigest.of(pages));
    expect(IndexCache.key('pagefind 1.6.0', PagesDigest.of([...pages].reverse()))).toBe(key);
    expect(IndexCache.key('pagefind 1.6.0', PagesDigest.of([pages[0]!, { file: 'cases/a/index.html', bytes: Buffer.from('<p>أأ</p>') }]))).not.toBe(key);
    expect(IndexCache.key('pagefind 1.6.0', PagesDigest.of([pages[0]!, { file: 'cases/c/index.html', bytes: pages[1]!.bytes }]))).not.toBe(key);
    expect(IndexCache.key('pagefind 1.7.0', PagesDigest.of(pages))).not.toBe(key);
  });

  it('digests pages given one by one in path order as the whole list, and refuses them out of order', () => {
    const sorted = [...pages].sort((a, b) => (a.file < b.file ? -1 : 1));
    const oneByOne = new PagesDigest();
    for (const page of sorted) oneByOne.add(page.file, page.bytes);
    expect(oneByOne.count).toBe(2);
    expect(oneByOne.digest()).toBe(PagesDigest.of(pages));
    expect(() => new PagesDigest().add('cases/b/index.html', pages[0]!.bytes).add('cases/a/index.html', pages[1]!.bytes)).toThrow(/out of order/);
  });

  it('restores a saved bundle over whatever the target held, and nothing for an unknown key', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-index-cache-'));
    const bundle = path.join(root, 'bundle');
    mkdirSync(path.join(bundle, 'index'), { recursive: true });
    writeFileSync(path.join(bundle, 'pagefind-entry.json'), '{"version":"1"}');
    writeFileSync(path.join(bundle, 'index/ar_1.pf_index'), 'chunk');
    const cache = new IndexCache(path.join(root, 'cache'));
    cache.save('k1', bundle);
    const target = path.join(root, 'dist/pagefind');
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'stale.json'), 'old');
    expect(cache.restore('k1', target)).toBe(true);
    expect(readdirSync(target, { recursive: true }).sort()).toEqual(['index', 'index/ar_1.pf_index', 'pagefind-entry.json']);
    expect(readFileSync(path.join(target, 'index/ar_1.pf_index'), 'utf8')).toBe('chunk');
    expect(cache.restore('k2', target)).toBe(false);
  });

  it('keeps the newest bundles (made or restored) and drops the older ones', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-index-cache-'));
    const bundle = path.join(root, 'bundle');
    mkdirSync(bundle);
    writeFileSync(path.join(bundle, 'pagefind-entry.json'), '{}');
    const cache = new IndexCache(path.join(root, 'cache'), 2);
    const age = (key: string, seconds: number) => utimesSync(path.join(cache.dir, key), seconds, seconds);
    cache.save('old', bundle);
    age('old', 1_000);
    cache.save('older', bundle);
    age('older', 500);
    expect(readdirSync(cache.dir).sort()).toEqual(['old', 'older']);
    cache.save('new', bundle);
    expect(readdirSync(cache.dir).sort()).toEqual(['new', 'old']);
    expect(cache.restore('old', path.join(root, 'out'))).toBe(true);
    age('new', 2_000); // restoring made 'old' the newest; 'new' is older than it now
    cache.save('newest', bundle);
    expect(existsSync(path.join(cache.dir, 'old'))).toBe(true);
    expect(readdirSync(cache.dir).sort()).toEqual(['newest', 'old']);
  });
});
