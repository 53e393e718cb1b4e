import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close } from 'pagefind';
import { packageVersion } from '../core/package-version.ts';
import { IndexCache } from '../core/search/index-cache.ts';
import { indexShards, type ShardJob } from '../core/search/index-shards.ts';
import { hashPagesOnDisk, pagesDigest, takeFinalPages, type FinalPage, type PageHashes } from './built-pages.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = packageVersion('pagefind');

/** What the index is built with besides the pages (bump when the options given to Pagefind change). */
const SETTINGS = `pagefind ${PAGEFIND_VERSION}; createIndex({}); addDirectory(page) in path order`;

/**
 * Pages per shard of the index (`TAHQIQ_SEARCH_SHARD_PAGES` to change it): 4,000 cases make 9 shards. An edit indexes
 * its page's shard again, so the shard's size sets an edit's rebuild. At 4,000 cases (bench/README.md), edit rebuilds
 * took 6.3–8.1 s with 500 pages a shard against 9.0–10.2 s with 1,000 (every shard indexed: 23.0–28.0 s against
 * 24.8–25.4 s); a reader's first search fetched 48 and 39 files of index, 290 and 234 KiB, against 28 and 23 files,
 * 233 and 205 KiB.
 */
const SHARD_PAGES = Number(process.env['TAHQIQ_SEARCH_SHARD_PAGES']) || 500;

/** A shard of the index: its folder under `<outDir>/pagefind/` ('' for the first) and its pages. */
interface Shard {
  folder: string;
  pages: Map<string, FinalPage>;
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
  const shards: Shard[] = Array.from({ length: count }, (_, k) => ({ folder: k === 0 ? '' : `s${k}/`, pages: new Map() }));
  for (const [file, page] of searchable) {
    const k = count === 1 ? 0 : createHash('sha1').update(file).digest().readUInt32BE(0) % count;
    shards[k]!.pages.set(file, page);
  }
  return shards;
}

/**
 * Indexes the built site with Pagefind after every `astro build` (so `npm run build` and any
 * `astro build --outDir …` get their search index): pages marked `data-pagefind-body` (cases and
 * editorial pages), one index per page language (Arabic and English stemming), written to
 * `<outDir>/pagefind/`. The search box on the list pages loads it; no server is involved.
 *
 * Pagefind cannot update an index, so a large site is indexed in shards of about SHARD_PAGES pages each (the first
 * in `pagefind/`, the others in `pagefind/s<k>/`; `pagefind/shards.json` lists every shard with its languages); the search box merges them
 * (a merged index runs on the first one's WebAssembly: a few small files more, not a runtime more). Each shard is kept
 * in Astro's cache folder (`<cacheDir>/tahqiq-pagefind/`) under the digest of its pages: after an edit only the
 * edited pages' shards are indexed again, and the others are restored (hard links). Shards to index are indexed side
 * by side, one Pagefind service per core (index-shards.ts), each page in its own request so that the index is the
 * same bytes whatever order the file system lists the pages in (index-shard.ts).
 */
export default function pagefind(): AstroIntegration {
  let cache: IndexCache | undefined;
  return {
    name: 'tahqiq-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cache = new IndexCache(path.join(fileURLToPath(config.cacheDir), 'tahqiq-pagefind'));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        const target = path.join(outDir, 'pagefind');
        const pages = takeFinalPages(outDir) ?? hashPagesOnDisk(outDir);
        const shards = shardsOf(pages);
        // The current shards and those of the build before (an edit undone restores them), and one more set.
        if (cache) cache.keep = 3 * shards.length;
        // Each shard is made ready in a folder of its own beside the index, restored from the cache or indexed, then
        // moved into place, the first first (its folder holds the others): shards are indexed side by side.
        const ready = shards.map((shard, k) => ({ shard, digest: IndexCache.key(`${SETTINGS}; ${shard.folder}`, pagesDigest(shard.pages)), scratch: path.join(outDir, `.pagefind-shard-${k}`) }));
        const jobs: (ShardJob & { digest: string })[] = [];
        try {
          for (const { shard, digest, scratch } of ready) {
            rmSync(scratch, { recursive: true, force: true });
            if (cache?.restore(digest, scratch) && readEntry(scratch)) continue;
            // Not kept, or kept damaged (its entry unreadable though its files are all there): made again.
            cache?.drop(digest);
            jobs.push({ pages: [...shard.pages.keys()], folder: scratch, digest });
          }
          try {
            await indexShards(outDir, jobs);
          } finally {
            if (jobs.length > 0) await close();
          }
          for (const { folder, digest } of jobs) {
            if (!readEntry(folder)) throw new Error(`Pagefind wrote no readable pagefind-entry.json for the search index's shard ${path.basename(folder)}`);
            cache?.save(digest, folder);
          }
          rmSync(target, { recursive: true, force: true });
          for (const { shard, scratch } of ready) renameSync(scratch, path.join(target, shard.folder));
        } finally {
          for (const { scratch } of ready) rmSync(scratch, { recursive: true, force: true });
        }
        /** Every shard (the first too) with its languages and their page counts, for the search box. */
        const manifest = ready.map(({ shard }) => {
          const entry = readEntry(path.join(target, shard.folder))!;
          return { path: shard.folder, languages: Object.fromEntries(Object.entries(entry.languages).map(([language, index]) => [language, index.page_count])) };
        });
        const indexed = jobs.length;
        writeFileSync(path.join(target, 'shards.json'), `${JSON.stringify({ shards: manifest })}\n`);
        const ms = Math.round(performance.now() - started);
        const of = shards.length > 1 ? ` (${indexed} of ${shards.length} shards indexed, ${shards.length - indexed} restored)` : '';
        const searchable = shards.reduce((n, shard) => n + shard.pages.size, 0);
        logger.info(indexed === 0 ? `search index: ${searchable} pages unchanged, index restored in ${ms} ms${of}` : `search index: ${searchable} pages in ${ms} ms${of}`);
      },
    },
  };
}

/** A shard's `pagefind-entry.json`: the languages it indexed; undefined when it cannot be read. */
function readEntry(folder: string): { languages: Record<string, { page_count: number }> } | undefined {
  try {
    const entry = JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages?: unknown };
    return entry.languages && typeof entry.languages === 'object' ? (entry as { languages: Record<string, { page_count: number }> }) : undefined;
  } catch {
    return undefined;
  }
}
