import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { linkOrCopy } from '../core/link-file.ts';
import { entriesByUrl, indexedPages } from '../core/search/fragment-ids.ts';
import { IndexCache } from '../core/search/index-cache.ts';
import { planShard } from '../core/search/recent-pages.ts';
import { hashPagesOnDisk, pagesDigest, takeFinalPages, type FinalPage, type PageHashes } from './built-pages.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** What the index is built with besides the pages (bump when the options given to Pagefind change). */
const SETTINGS = `pagefind ${PAGEFIND_VERSION}; createIndex({}); addDirectory(shard)`;

/** Pages per shard of the index (`TAHQIQ_SEARCH_SHARD_PAGES` to change it): 4,000 cases make 5 shards. */
const SHARD_PAGES = Number(process.env['TAHQIQ_SEARCH_SHARD_PAGES']) || 1000;

/** Where the pages changed since their shard's last full index are indexed, apart (see recent-pages.ts). */
const RECENT_FOLDER = 'recent/';

/** A shard as `pagefind/shards.json` lists it for the search box: `exclude`, the ids of its entries that are out of date. */
interface ManifestShard {
  path: string;
  languages: Record<string, number>;
  exclude?: string[];
}

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
 * in Astro's cache folder (`<cacheDir>/tahqiq-pagefind/`) under the digest of its pages, and restored (hard links)
 * while they are unchanged.
 *
 * A shard whose pages an edit changed is not indexed again while few of them changed (2%, recent-pages.ts): its last
 * full index is restored, the changed and new pages are indexed on their own into `pagefind/recent/`, and
 * `shards.json` lists the shard's out-of-date entries, which the search box skips. At 4,000 cases an edit indexes one
 * page instead of a 1,000-page shard; past 2% the shard is indexed again in full, and its pages leave the recent one.
 * The search finds what it would in an index built from nothing, but the index's files differ from that one's;
 * `astro build --force` builds that one.
 */
export default function pagefind(): AstroIntegration {
  let cache: IndexCache | undefined;
  // `astro build --force` sets no page apart: its index is, byte for byte, that of a build from nothing.
  const setApart = !process.argv.includes('--force');
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
        // The current shards and those of the build before (an edit undone restores them), and one more set; and the recent shard's.
        if (cache) cache.keep = 3 * (shards.length + 1);
        /** Every shard (the first too) with its languages and their page counts, for the search box. */
        const manifest: ManifestShard[] = [];
        /** Pages changed since their shard's last full index, indexed apart (the recent shard). */
        const recent = new Map<string, FinalPage>();
        let indexed = 0;
        let restored = 0;
        try {
          // The first shard first: its folder holds the others.
          for (const shard of shards) {
            const folder = path.join(target, shard.folder);
            const digest = IndexCache.key(`${SETTINGS}; ${shard.folder}`, pagesDigest(shard.pages));
            // A base serves only the same layout of shards (another shard size puts other pages in this folder).
            const settings = `${SETTINGS}; ${shard.folder} of ${shards.length} shards of ${SHARD_PAGES} pages`;
            const entry: ManifestShard = { path: shard.folder, languages: {} };
            if (cache?.restore(digest, folder)) restored++;
            else {
              const plan = planShard(shard.pages, setApart ? cache?.base(settings) : undefined);
              if (plan.use === 'base' && cache?.restore(plan.base.digest, folder)) {
                restored++;
                for (const file of plan.recent) recent.set(file, shard.pages.get(file)!);
                if (plan.exclude.length > 0) entry.exclude = plan.exclude;
              } else {
                await indexShard(outDir, [...shard.pages.keys()], folder);
                indexed++;
                if (cache) {
                  cache.save(digest, folder);
                  const indexedPagesOf = indexedPages(folder, shard.pages);
                  if (indexedPagesOf) cache.saveBase(settings, { digest, pages: indexedPagesOf });
                }
              }
            }
            entry.languages = languagesOf(folder);
            manifest.push(entry);
          }
          if (recent.size > 0) {
            const folder = path.join(target, RECENT_FOLDER);
            const digest = IndexCache.key(`${SETTINGS}; ${RECENT_FOLDER}`, pagesDigest(recent));
            if (!cache?.restore(digest, folder)) {
              await indexShard(outDir, [...recent.keys()], folder);
              cache?.save(digest, folder);
              indexed++;
            }
            manifest.push({ path: RECENT_FOLDER, languages: languagesOf(folder) });
            keepRecentEntries(manifest, folder);
          }
        } finally {
          if (indexed > 0) await close();
        }
        writeFileSync(path.join(target, 'shards.json'), `${JSON.stringify({ shards: manifest })}\n`);
        const ms = Math.round(performance.now() - started);
        const apart = recent.size > 0 ? `; ${recent.size} page${recent.size === 1 ? '' : 's'} changed since ${recent.size === 1 ? 'its' : 'their'} shard was indexed, indexed apart` : '';
        const of = shards.length > 1 || recent.size > 0 ? ` (${shards.length - restored} of ${shards.length} shard${shards.length === 1 ? '' : 's'} indexed, ${restored} restored${apart})` : '';
        const searchable = shards.reduce((n, shard) => n + shard.pages.size, 0);
        logger.info(indexed === 0 ? `search index: ${searchable} pages unchanged, index restored in ${ms} ms${of}` : `search index: ${searchable} pages in ${ms} ms${of}`);
      },
    },
  };
}

/**
 * A recent page whose indexed content did not change (only bytes Pagefind does not index did) has the same entry id
 * in the recent shard as in its own: that id must not be excluded (the search box shows an id once). Where the recent
 * bundle cannot be read, nothing is excluded: an out-of-date entry may then show beside the current one, but no
 * current one is hidden.
 */
function keepRecentEntries(manifest: ManifestShard[], recentFolder: string): void {
  let recentIds: Set<string> | undefined;
  try {
    recentIds = new Set([...entriesByUrl(recentFolder).values()].flat());
  } catch {
    recentIds = undefined;
  }
  for (const entry of manifest) {
    if (!entry.exclude) continue;
    const exclude = recentIds ? entry.exclude.filter((id) => !recentIds.has(id)) : [];
    if (exclude.length > 0) entry.exclude = exclude;
    else delete entry.exclude;
  }
}

/** The languages of the bundle in `folder`, with their page counts (from Pagefind's `pagefind-entry.json`). */
function languagesOf(folder: string): Record<string, number> {
  const entry = JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.fromEntries(Object.entries(entry.languages).map(([language, index]) => [language, index.page_count]));
}

/**
 * Indexes some pages of the site into `folder`. Pagefind reads a folder: the pages are linked, at the same paths,
 * into a scratch folder inside the output, so it reads only the searchable ones. Symbolic links, which Pagefind
 * follows: a hard link changes the page's change time (ctime), so the next build would find every indexed page
 * changed and read it again for its policy (page-policies.ts; 4,000 pages, 1.1 s of the rebuild after a cold build).
 */
async function indexShard(outDir: string, pages: string[], folder: string): Promise<void> {
  const scratch = mkdtempSync(path.join(outDir, '.pagefind-shard-'));
  try {
    for (const file of pages) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      placePage(path.join(outDir, file), path.join(scratch, file));
    }
    const { index, errors } = await createIndex({});
    if (!index) throw new Error(errors.join('; '));
    const added = await index.addDirectory({ path: scratch });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    // A bundle left in place may share its files with a kept one (hard links): never written over, removed.
    rmSync(folder, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A page in the scratch folder: a symbolic link, or a hard link (else a copy) where those are refused (Windows without the right to make them). */
function placePage(from: string, to: string): void {
  try {
    symlinkSync(from, to);
  } catch {
    linkOrCopy(from, to);
  }
}
