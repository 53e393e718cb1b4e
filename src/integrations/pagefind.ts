import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

/**
 * Indexes the built site with Pagefind after every `astro build` (so `npm run build` and any
 * `astro build --outDir …` get their search index): pages marked `data-pagefind-body` (cases and
 * editorial pages), one index per page language (Arabic and English stemming), written to
 * `<outDir>/pagefind/`. The search box on the index page loads it; no server is involved.
 */
export default function pagefind(): AstroIntegration {
  return {
    name: 'tahqiq-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          const { index, errors } = await createIndex({});
          if (!index) throw new Error(errors.join('; '));
          const added = await index.addDirectory({ path: outDir });
          if (added.errors.length) throw new Error(added.errors.join('; '));
          const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
          if (written.errors.length) throw new Error(written.errors.join('; '));
          logger.info(`search index: ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await close();
        }
      },
    },
  };
}
