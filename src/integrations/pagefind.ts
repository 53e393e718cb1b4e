import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { linkOrCopy } from '../core/link-file.ts';
import { packageVersion } from '../core/package-version.ts';
import { IndexCache } from '../core/search/index-cache.ts';
import { hashPagesOnDisk, pagesDigest, takeFinalPages, type FinalPage, type PageHashes } from './built-pages.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = packageVersion('pagefind');

/** What the index is built with besides the pages (bump when the options given to Pagefind change). */
const SETTINGS = `pagefind ${PAGEFIND_VERSION}; createIndex({}); addDirectory(shard)`;

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
 * edited pages' shards are indexed again, and the others are restored (hard links).
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
        /** Every shard (the first too) with its languages and their page counts, for the search box. */
        const manifest: { path: string; languages: Record<string, number> }[] = [];
        let indexed = 0;
        try {
          // The first shard first: its folder holds the others.
          for (const shard of shards) {
            const folder = path.join(target, shard.folder);
            const digest = IndexCache.key(`${SETTINGS}; ${shard.folder}`, pagesDigest(shard.pages));
            let entry = cache?.restore(digest, folder) ? readEntry(folder) : undefined;
            if (!entry) {
              // Not kept, or kept damaged (its entry unreadable though its files are all there): made again.
              cache?.drop(digest);
              await indexShard(outDir, [...shard.pages.keys()], folder);
              cache?.save(digest, folder);
              indexed++;
              entry = readEntry(folder);
              if (!entry) throw new Error(`Pagefind wrote no readable pagefind-entry.json in ${path.relative(outDir, folder) || '.'}`);
            }
            manifest.push({ path: shard.folder, languages: Object.fromEntries(Object.entries(entry.languages).map(([language, index]) => [language, index.page_count])) });
          }
        } finally {
          if (indexed > 0) await close();
        }
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

/**
 * Page paths a glob names as they are: letters and digits of any script, `.`, `_`, `-`, `~`, `@`, `+`, spaces and `/`.
 * Pagefind's globs give a meaning to many other characters, some unexpected: named in a glob, a page `a$b/` took in
 * 17 pages of 22 (`$` matches like `*`), a page `a<b>/` was not found, and `(` or `:` made the glob fail to parse.
 */
const PLAIN_PATH = /^[\p{L}\p{M}\p{N}._~@+ /-]+$/u;

/**
 * A glob that names exactly `pages` (paths under the output folder, with `/`): `{a/index.html,b/index.html}`; undefined
 * when a path holds any other character than PLAIN_PATH allows (it might name other files, or none).
 */
export function pagesGlob(pages: readonly string[]): string | undefined {
  if (pages.length === 0 || !pages.every((page) => PLAIN_PATH.test(page))) return undefined;
  return `{${pages.join(',')}}`;
}

/**
 * Indexes some pages of the site into `folder`. Pagefind reads the output folder itself, told by a glob which pages
 * to read; where no glob can name them (pagesGlob), the pages are linked, at the same paths, into a scratch folder
 * inside the output, and Pagefind reads that. Symbolic links, which Pagefind follows (files only, not folders): a
 * hard link changes the page's change time (ctime), so the next build would find every indexed page changed and
 * read it again for its policy (page-policies.ts; 4,000 pages, 1.1 s of the rebuild after a cold build). The glob
 * saves the scratch folder: at 4,000 cases, 4,000 folders made, linked into and removed again.
 */
export async function indexShard(outDir: string, pages: string[], folder: string): Promise<void> {
  const glob = pagesGlob(pages);
  const site: { path: string; glob?: string } = glob === undefined ? { path: mkdtempSync(path.join(outDir, '.pagefind-shard-')) } : { path: outDir, glob };
  const scratch = glob === undefined ? site.path : undefined;
  try {
    if (scratch) {
      for (const file of pages) {
        mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
        placePage(path.join(outDir, file), path.join(scratch, file));
      }
    }
    const { index, errors } = await createIndex({});
    if (!index) throw new Error(errors.join('; '));
    const added = await index.addDirectory(site);
    if (added.errors.length) throw new Error(added.errors.join('; '));
    // A bundle left in place may share its files with a kept one (hard links): never written over, removed.
    rmSync(folder, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
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
