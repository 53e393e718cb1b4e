import { readdirSync } from 'node:fs';
import path from 'node:path';

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
