import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { changedCases } from '../core/changed-cases.ts';
import { linkOrCopy } from '../core/link-file.ts';
import { IndexCache } from '../core/search/index-cache.ts';
import { hashPagesOnDisk, pagesDigest, takeFinalPages } from './built-pages.ts';
import { beginEarlyShards, dropEarlyShard, removeScratch, saveLastPages, usableFor, type EarlyShard } from './early-shard-index.ts';
import { SHARD_PAGES, shardsOf } from './search-shards.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** What the index is built with besides the pages (bump when the options given to Pagefind change). */
const SETTINGS = `pagefind ${PAGEFIND_VERSION}; createIndex({}); addDirectory(shard)`;

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
 * edited pages' shards are indexed again, and the others are restored (hard links). A shard holding an edited case is
 * begun while the pages are made, with its other pages as the last build left them (early-shard-index.ts).
 */
export default function pagefind(): AstroIntegration {
  let cache: IndexCache | undefined;
  let outDir = '';
  /** Shards begun while Astro bundles and renders (early-shard-index.ts), by folder. */
  let early = new Map<string, EarlyShard>();
  return {
    name: 'tahqiq-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cache = new IndexCache(path.join(fileURLToPath(config.cacheDir), 'tahqiq-pagefind'));
        outDir = fileURLToPath(config.outDir);
      },
      // After the content sync (which says which cases changed) and after previous-output (which leaves the last
      // build's unchanged pages in place), before Vite bundles anything.
      'astro:build:start': () => {
        const changed = changedCases();
        const begun = cache && changed ? beginEarlyShards({ dir: cache.dir, outDir, settings: SETTINGS, changed, shardPages: SHARD_PAGES }) : [];
        early = new Map(begun.map((shard) => [shard.folder, shard]));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const builtDir = fileURLToPath(dir);
        const target = path.join(builtDir, 'pagefind');
        const pages = takeFinalPages(builtDir) ?? hashPagesOnDisk(builtDir);
        const shards = shardsOf(pages);
        const begun = early;
        const begunAny = begun.size > 0;
        early = new Map();
        // The current shards and those of the build before (an edit undone restores them), and one more set.
        if (cache) cache.keep = 3 * shards.length;
        /** Every shard (the first too) with its languages and their page counts, for the search box. */
        const manifest: { path: string; languages: Record<string, number> }[] = [];
        let indexed = 0;
        let earlyUsed = 0;
        let earlyDropped = 0;
        try {
          // The first shard first: its folder holds the others.
          for (const shard of shards) {
            const folder = path.join(target, shard.folder);
            const digest = IndexCache.key(`${SETTINGS}; ${shard.folder}`, pagesDigest(shard.pages));
            const begunShard = begun.get(shard.folder);
            begun.delete(shard.folder);
            if (cache?.restore(digest, folder)) {
              if (begunShard) await dropEarlyShard(begunShard); // the edit was undone: the kept index is the same
            } else {
              const usable = begunShard && (await usableFor(begunShard, shard));
              if (begunShard && usable) {
                await indexShard(builtDir, usable.rest, folder, usable.index);
                removeScratch(begunShard);
                earlyUsed++;
              } else {
                if (begunShard) {
                  await dropEarlyShard(begunShard);
                  earlyDropped++;
                }
                await indexShard(builtDir, [...shard.pages.keys()], folder);
              }
              cache?.save(digest, folder);
              indexed++;
            }
            const entry = JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
            manifest.push({ path: shard.folder, languages: Object.fromEntries(Object.entries(entry.languages).map(([language, index]) => [language, index.page_count])) });
          }
          // Begun for a shard this build does not have (the number of shards changed).
          for (const unused of begun.values()) {
            await dropEarlyShard(unused);
            earlyDropped++;
          }
        } finally {
          if (indexed > 0 || begunAny) await close();
        }
        writeFileSync(path.join(target, 'shards.json'), `${JSON.stringify({ shards: manifest })}\n`);
        if (cache) saveLastPages(cache.dir, builtDir, SETTINGS, pages);
        const ms = Math.round(performance.now() - started);
        const notes = [
          shards.length > 1
            ? `${indexed} of ${shards.length} shards indexed${earlyUsed ? `, ${earlyUsed} of them begun while the pages were made` : ''}, ${shards.length - indexed} restored`
            : earlyUsed ? 'begun while the pages were made' : '',
          earlyDropped ? `${earlyDropped} begun early dropped: pages they read changed` : '',
        ].filter(Boolean);
        const of = notes.length > 0 ? ` (${notes.join('; ')})` : '';
        const searchable = shards.reduce((n, shard) => n + shard.pages.size, 0);
        logger.info(indexed === 0 ? `search index: ${searchable} pages unchanged, index restored in ${ms} ms${of}` : `search index: ${searchable} pages in ${ms} ms${of}`);
      },
    },
  };
}

/**
 * Indexes some pages of the site into `folder` (into `begun`, with the pages it was given before, when there is one). Pagefind reads a folder: the pages are linked, at the same paths,
 * into a scratch folder inside the output, so it reads only the searchable ones. Symbolic links, which Pagefind
 * follows: a hard link changes the page's change time (ctime), so the next build would find every indexed page
 * changed and read it again for its policy (page-policies.ts; 4,000 pages, 1.1 s of the rebuild after a cold build).
 */
async function indexShard(outDir: string, pages: string[], folder: string, begun?: PagefindIndex): Promise<void> {
  const scratch = mkdtempSync(path.join(outDir, '.pagefind-shard-'));
  try {
    for (const file of pages) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      placePage(path.join(outDir, file), path.join(scratch, file));
    }
    const index = begun ?? (await newIndex());
    if (pages.length > 0) {
      const added = await index.addDirectory({ path: scratch });
      if (added.errors.length) throw new Error(added.errors.join('; '));
    }
    // A bundle left in place may share its files with a kept one (hard links): never written over, removed.
    rmSync(folder, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function newIndex(): Promise<PagefindIndex> {
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(errors.join('; '));
  return index;
}

/** A page in the scratch folder: a symbolic link, or a hard link (else a copy) where those are refused (Windows without the right to make them). */
function placePage(from: string, to: string): void {
  try {
    symlinkSync(from, to);
  } catch {
    linkOrCopy(from, to);
  }
}
