/**
 * Which pages of a search-index shard an edit leaves out of date, and whether the shard's last full index can still
 * serve with them set apart: the edited pages are indexed on their own (the recent shard) and the search box skips
 * their old entries in the shard, by the ids Pagefind gave those entries. Indexing a shard of 1,000 pages again takes
 * ~4 s; one page on its own, well under one.
 */

/** A page as the shard's last full index saw it: the hash of its bytes, and the ids of its entries in that index. */
export interface IndexedPage {
  hash: string;
  ids: string[];
}

/** A shard's last full index: the digest its bundle is kept under, and every page it holds. */
export interface ShardBase {
  digest: string;
  pages: Record<string, IndexedPage>;
}

/** How a shard is served in this build. */
export type ShardPlan =
  /** Indexed again in full (no usable base, or too many of its pages changed since). */
  | { use: 'index' }
  /** The base restored; `recent` pages (changed or new) indexed apart; `exclude` the base's entries that are out of date. */
  | { use: 'base'; base: ShardBase; recent: string[]; exclude: string[] };

/** The share of a shard's pages that may be set apart before the shard is indexed again in full. */
export const RECENT_SHARE = 0.02;

/** How many changed pages a shard of `size` pages may set apart: 2% (20 of 1,000), and at least one. */
export function recentLimit(size: number): number {
  return Math.max(1, Math.floor(size * RECENT_SHARE));
}

/**
 * The plan for a shard whose pages are now `current` (path → hash), given its last full index. Pages changed or
 * added since then are set apart, and the entries of pages changed or removed are excluded, while there are at most
 * `limit` such pages; beyond that (and without a base) the shard is indexed again, which sets nothing apart.
 */
export function planShard(current: ReadonlyMap<string, { hash: string }>, base: ShardBase | undefined, limit = recentLimit(current.size)): ShardPlan {
  if (!base) return { use: 'index' };
  const recent: string[] = [];
  const exclude: string[] = [];
  let drift = 0;
  for (const [file, page] of current) {
    const before = base.pages[file];
    if (before?.hash === page.hash) continue;
    drift++;
    recent.push(file);
    if (before) exclude.push(...before.ids);
  }
  for (const [file, before] of Object.entries(base.pages)) {
    if (current.has(file)) continue;
    drift++;
    exclude.push(...before.ids);
  }
  if (drift > limit) return { use: 'index' };
  return { use: 'base', base, recent: recent.sort(), exclude: exclude.sort() };
}
