import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { processShared } from '../core/process-shared.ts';

/** Folders of a built site that hold no pages: Astro's bundled assets and Pagefind's index. */
const NO_PAGES = new Set(['_astro', 'pagefind']);

/**
 * The HTML pages of a built site, as sorted `/`-separated paths relative to `outDir` (`cases/x/index.html`).
 * Walks the folders itself, skipping `_astro/` and `pagefind/`: Node's `readdirSync({ recursive: true })`
 * lists every asset and index fragment too, three times the entries and most of the time.
 */
export function builtPages(outDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!(prefix === '' && NO_PAGES.has(entry.name))) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.name.endsWith('.html')) pages.push(`${prefix}${entry.name}`);
    }
  };
  walk(outDir, '');
  return pages.sort();
}

/**
 * A digest of a build's pages, each with its path and bytes, in path order (builtPages' order). SHA-1: a cache key
 * over the site's own pages, not a signature, and several times faster than SHA-256 on 375 MB of pages (4,000 cases).
 */
export class PagesDigest {
  readonly #hash = createHash('sha1');
  #last = '';
  count = 0;

  add(file: string, bytes: Uint8Array): this {
    if (file <= this.#last) throw new Error(`tahqiq: pages digested out of order (${file} after ${this.#last})`);
    this.#last = file;
    this.count++;
    this.#hash.update(file).update('\0').update(String(bytes.length)).update('\0').update(bytes);
    return this;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }

  /** The digest of pages given in any order. */
  static of(pages: readonly { file: string; bytes: Uint8Array }[]): string {
    const digest = new PagesDigest();
    for (const page of [...pages].sort((a, b) => (a.file < b.file ? -1 : 1))) digest.add(page.file, page.bytes);
    return digest.digest();
  }
}

/**
 * The digest of the final pages, handed from the integration that last wrote them (the security headers, which read
 * every page anyway) to the search index, so the index's cache key does not read the whole site a second time.
 */
const finalPages = processShared('final-pages-digest', () => new Map<string, FinalPages>());

export interface FinalPages {
  count: number;
  digest: string;
}

export function recordFinalPages(outDir: string, pages: FinalPages): void {
  finalPages.set(path.resolve(outDir), pages);
}

/** What was recorded for `outDir` in this build, once (undefined when no integration recorded it). */
export function takeFinalPages(outDir: string): FinalPages | undefined {
  const key = path.resolve(outDir);
  const digest = finalPages.get(key);
  finalPages.delete(key);
  return digest;
}
