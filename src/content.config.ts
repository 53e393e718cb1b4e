import { createRequire } from 'node:module';
import type * as ContentCollections from './content-collections.ts';

/**
 * The site's collections (content-collections.ts), loaded by Node itself, not by Vite's module runner. Through the
 * runner, `import { defineCollection } from 'astro:content'` alone made it transform Astro's rendering runtime (~110
 * modules, each with its source map) on every `astro build` and dev-server start, before the content sync: at 4,000
 * cases a rebuild with nothing changed took 5.3–5.9 s this way against 7.0–8.0 s (6 runs each, bench/README.md). The
 * case loader and the core it runs (84 modules of tahqiq's own) were already loaded this way. Nothing here needs
 * Vite: Node strips the types, and Astro's own modules are those the running `astro` command has already loaded.
 * In `astro dev` Node keeps these modules for the life of the server: a change to content-collections.ts or to
 * tahqiq's own code under `src/core` or `src/loaders` takes effect when the server starts again (Astro itself reloads
 * the content config only when this file changes).
 */
export const { collections } = createRequire(import.meta.url)('./content-collections.ts') as typeof ContentCollections;
