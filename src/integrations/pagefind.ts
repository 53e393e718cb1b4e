import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { IndexCache } from '../core/search/index-cache.ts';
import { builtPages, PagesDigest, takeFinalPages, type FinalPages } from './built-pages.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** What the index is built with besides the pages (bump when the options given to Pagefind change). */
const SETTINGS = `pagefind ${PAGEFIND_VERSION}; createIndex({}); addDirectory(outDir)`;

/**
 * Indexes the built site with Pagefind after every `astro build` (so `npm run build` and any
 * `astro build --outDir …` get their search index): pages marked `data-pagefind-body` (cases and
 * editorial pages), one index per page language (Arabic and English stemming), written to
 * `<outDir>/pagefind/`. The search box on the index page loads it; no server is involved.
 *
 * The bundle is kept in Astro's cache folder (`<cacheDir>/tahqiq-pagefind/`, `node_modules/.astro/` by default)
 * under the digest of every page Pagefind reads: when no page changed since a kept bundle was made (a
 * rebuild with nothing changed, an edit undone), the build copies that bundle instead of indexing again.
 */
/** The pages' digest read from disk, when no integration recorded it while finishing the pages. */
function finalPagesOnDisk(outDir: string): FinalPages {
  const digest = new PagesDigest();
  for (const file of builtPages(outDir)) digest.add(file, readFileSync(path.join(outDir, file)));
  return { count: digest.count, digest: digest.digest() };
}

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
        const pages = takeFinalPages(outDir) ?? finalPagesOnDisk(outDir);
        const digest = IndexCache.key(SETTINGS, pages.digest);
        if (cache?.restore(digest, target)) {
          logger.info(`search index: ${pages.count} pages unchanged, index restored in ${Math.round(performance.now() - started)} ms`);
          return;
        }
        try {
          const { index, errors } = await createIndex({});
          if (!index) throw new Error(errors.join('; '));
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length) throw new Error(added.errors.join('; '));
          // A bundle left in place may share its files with a kept one (hard links): never written over, removed.
          rmSync(target, { recursive: true, force: true });
          const written = await index.writeFiles({ outputPath: target });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          cache?.save(digest, target);
          logger.info(`search index: ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await close();
        }
      },
    },
  };
}
