import { createHash } from 'node:crypto';
import type { FinalPage, PageHashes } from './built-pages.ts';

/** Pages per shard of the index (`TAHQIQ_SEARCH_SHARD_PAGES` to change it): 4,000 cases make 5 shards. */
export const SHARD_PAGES = Number(process.env['TAHQIQ_SEARCH_SHARD_PAGES']) || 1000;

/** A shard of the index: its folder under `<outDir>/pagefind/` ('' for the first) and its pages. */
export interface Shard {
  folder: string;
  pages: Map<string, FinalPage>;
}

/** The folder of shard `k` under `<outDir>/pagefind/`. */
export const shardFolder = (k: number) => (k === 0 ? '' : `s${k}/`);

/** Which of `count` shards holds the page at `file`: it depends only on the path and the number of shards. */
export function shardOf(file: string, count: number): number {
  return count === 1 ? 0 : createHash('sha1').update(file).digest().readUInt32BE(0) % count;
}

/**
 * The shards of a site's searchable pages (those marking content with `data-pagefind-body`; every page when none
 * does, as Pagefind itself would): one per SHARD_PAGES pages; a page's shard depends only on its path and their
 * number. A shard must not hold only unmarked pages: Pagefind would then index them whole.
 */
export function shardsOf(pages: PageHashes, shardPages = SHARD_PAGES): Shard[] {
  const marked = [...pages].filter(([, page]) => page.searchable);
  const searchable = marked.length > 0 ? marked : [...pages];
  const count = Math.max(1, Math.ceil(searchable.length / shardPages));
  const shards: Shard[] = Array.from({ length: count }, (_, k) => ({ folder: shardFolder(k), pages: new Map() }));
  for (const [file, page] of searchable) shards[shardOf(file, count)]!.pages.set(file, page);
  return shards;
}
