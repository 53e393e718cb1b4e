import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { createIndex } from 'pagefind';
import { linkOrCopy } from '../link-file.ts';

/**
 * Page paths a glob names as they are: letters and digits of any script, `.`, `_`, `-`, `~`, `@`, `+`, spaces and `/`.
 * Pagefind's globs give a meaning to many other characters, some unexpected: named in a glob, a page `a$b/` took in
 * 17 pages of 22 (`$` matches like `*`), a page `a<b>/` was not found, and `(` or `:` made the glob fail to parse.
 */
const PLAIN_PATH = /^[\p{L}\p{M}\p{N}._~@+ /-]+$/u;

/** A glob that names exactly `page` (a path under the output folder, with `/`): the path itself; undefined when it holds any other character than PLAIN_PATH allows (it might name other files, or none). */
export function pageGlob(page: string): string | undefined {
  return PLAIN_PATH.test(page) ? page : undefined;
}

/**
 * Indexes some pages of the site into `folder`, one page a request, in path order. Pagefind numbers an index's pages
 * in the order it reads them, and within one request that is the order the file system lists each folder in: the
 * same pages gave another index (63 of its files differed, 415 case pages) from a folder whose entries were made in
 * another order, as on another machine, or in a small folder Astro wrote in another order. The index is the same
 * bytes wherever the site is built now, at a cost: one shard of 415 case pages took 1.6–1.8 s to add (Pagefind's CPU
 * 2.35–2.45 s) against 0.85–0.88 s (2.2–2.3 s) in one request, Pagefind then reading several pages at once.
 *
 * Each request names its page by a glob from the output folder (pageGlob), so Pagefind reads the page in place; a page
 * whose path no glob can name is linked alone into a scratch folder inside the output, which Pagefind reads whole.
 * Symbolic links, which Pagefind follows (files only, not folders): a hard link changes the page's change time
 * (ctime), so the next build would find every indexed page changed and read it again for its policy
 * (page-policies.ts; 4,000 pages, 1.1 s of the rebuild after a cold build). A request that finds no page, or more than
 * one, stops the build: the page would be missing from the search, or another indexed in its place.
 */
export async function indexShard(outDir: string, pages: string[], folder: string): Promise<void> {
  const scratches: string[] = [];
  try {
    const { index, errors } = await createIndex({});
    if (!index) throw new Error(errors.join('; '));
    for (const page of pages.toSorted()) {
      const glob = pageGlob(page);
      let site: { path: string; glob?: string } = { path: outDir, glob: glob! };
      if (glob === undefined) {
        site = { path: mkdtempSync(path.join(outDir, '.pagefind-page-')) };
        scratches.push(site.path);
        mkdirSync(path.dirname(path.join(site.path, page)), { recursive: true });
        placePage(path.join(outDir, page), path.join(site.path, page));
      }
      const added = await index.addDirectory(site);
      if (added.errors.length) throw new Error(added.errors.join('; '));
      if (added.page_count !== 1) throw new Error(`Pagefind found ${added.page_count} pages where it was to read ${page} alone`);
    }
    // A bundle left in place may share its files with a kept one (hard links): never written over, removed.
    rmSync(folder, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    for (const scratch of scratches) rmSync(scratch, { recursive: true, force: true });
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
