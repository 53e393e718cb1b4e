import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';
import { IndexCache } from '../core/search/index-cache.ts';
import { searchablePage } from '../core/search/searchable-page.ts';
import { builtPages } from './built-pages.ts';

/** Pagefind's version: a new one may index differently, so it is part of the cache key. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** Bumped when what this integration gives Pagefind changes shape. */
const FORMAT = 1;

/** The page's URL path as Pagefind gives it for `cases/x/index.html`: `/cases/x/` (the index loads with the site's base). */
function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Indexes the built site with Pagefind after every `astro build` (so `npm run build` and any
 * `astro build --outDir …` get their search index): pages marked `data-pagefind-body` (cases and
 * editorial pages), one index per page language (Arabic and English stemming), written to
 * `<outDir>/pagefind/`. The search box on the index page loads it; no server is involved.
 *
 * Pagefind is given only what it indexes of each page (src/core/search/searchable-page.ts), not the
 * whole file, and the bundle is kept in Astro's cache folder (`tahqiq-pagefind/`): when no indexed page
 * changed since a kept bundle was made, the build copies that bundle instead of indexing again.
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
        const pages = builtPages(outDir).flatMap((file) => {
          const html = searchablePage(readFileSync(path.join(outDir, file)));
          return html ? [{ url: pageUrl(file), html }] : [];
        });
        const digest = IndexCache.digest(`pagefind ${PAGEFIND_VERSION} format ${FORMAT}`, pages);
        if (cache?.restore(digest, target)) {
          logger.info(`search index: ${pages.length} pages unchanged, index restored in ${Math.round(performance.now() - started)} ms`);
          return;
        }
        try {
          const { index, errors } = await createIndex({});
          if (!index) throw new Error(errors.join('; '));
          for (const page of pages) {
            const added = await index.addHTMLFile({ url: page.url, content: page.html.toString('utf8') });
            if (added.errors.length) throw new Error(`${page.url}: ${added.errors.join('; ')}`);
          }
          const written = await index.writeFiles({ outputPath: target });
          if (written.errors.length) throw new Error(written.errors.join('; '));
        } finally {
          await close();
        }
        cache?.save(digest, target);
        logger.info(`search index: ${pages.length} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
