import { describe, expect, it } from 'vitest';
import { planShard, recentLimit, type ShardBase } from '../src/core/search/recent-pages.ts';
import { currentResults } from '../src/scripts/site-search.ts';

/** A shard's last full index of pages a…e, each with one entry id. */
const base: ShardBase = {
  digest: 'kept',
  pages: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((p) => [`cases/${p}/index.html`, { hash: `${p}1`, ids: [`ar_${p}1`] }])),
};
const pagesOf = (hashes: Record<string, string>) => new Map(Object.entries(hashes).map(([p, hash]) => [`cases/${p}/index.html`, { hash }]));
const unchanged = { a: 'a1', b: 'b1', c: 'c1', d: 'd1', e: 'e1' };

describe('pages set apart from their shard', () => {
  it('sets nothing apart when no page changed', () => {
    expect(planShard(pagesOf(unchanged), base, 1)).toEqual({ use: 'base', base, recent: [], exclude: [] });
  });

  it('sets an edited page apart and excludes its old entry', () => {
    expect(planShard(pagesOf({ ...unchanged, c: 'c2' }), base, 1)).toEqual({ use: 'base', base, recent: ['cases/c/index.html'], exclude: ['ar_c1'] });
  });

  it('sets a new page apart (nothing to exclude) and excludes a removed page', () => {
    const { e: _, ...withoutE } = unchanged;
    expect(planShard(pagesOf({ ...withoutE, f: 'f1' }), base, 2)).toEqual({ use: 'base', base, recent: ['cases/f/index.html'], exclude: ['ar_e1'] });
  });

  it('indexes the shard again once more pages changed than the limit, or without a base', () => {
    expect(planShard(pagesOf({ ...unchanged, a: 'a2', b: 'b2' }), base, 1)).toEqual({ use: 'index' });
    expect(planShard(pagesOf({ ...unchanged, a: 'a2', b: 'b2' }), base, 2).use).toBe('base');
    expect(planShard(pagesOf(unchanged), undefined)).toEqual({ use: 'index' });
  });

  it('allows 2% of a shard apart, and always one page', () => {
    expect(recentLimit(1000)).toBe(20);
    expect(recentLimit(10)).toBe(1);
    expect(recentLimit(0)).toBe(1);
  });
});

describe('search results shown', () => {
  const results = [{ id: 'ar_c1' }, { id: 'ar_c2' }, { id: 'ar_a1' }, { id: 'ar_c2' }];

  it('drops the out-of-date entries and shows each entry once, in the order found', () => {
    expect(currentResults(results, new Set(['ar_c1']))).toEqual([{ id: 'ar_c2' }, { id: 'ar_a1' }]);
    expect(currentResults(results, new Set())).toEqual([{ id: 'ar_c1' }, { id: 'ar_c2' }, { id: 'ar_a1' }]);
  });
});
