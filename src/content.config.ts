import { createRequire } from 'node:module';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import type * as CaseLoaderModule from './loaders/case-loader.ts';

/**
 * The case loader and the core it runs (84 modules of tahqiq's own), loaded by Node itself, not by Vite's module
 * runner, which transforms every module again, with its source map, on every `astro build` and dev-server start. At
 * 4,000 cases a rebuild with nothing changed synced its content in 2.4–2.7 s this way against 3.1–4.5 s, and took
 * 9.4–10.5 s against 10.2–11.8 s (bench/README.md). Nothing in them needs Vite: the CLI runs the same modules in plain
 * Node, which strips their types. In `astro dev` Node keeps them for the life of the server: a change to tahqiq's
 * own code under `src/core` or `src/loaders` reaches the loader when the server starts again (Astro itself reloads the
 * content config only when this file changes).
 */
const { caseLoader } = createRequire(import.meta.url)('./loaders/case-loader.ts') as typeof CaseLoaderModule;

/** Fact-check cases: verified against their source documents by the tahqiq core. */
const cases = defineCollection({ loader: caseLoader() });

/** Editorial pages (method, ratings), written in MDX. */
const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/pages' }),
  schema: z.object({
    /** Page title. */
    title: z.string(),
    /** BCP 47 language of the page. */
    lang: z.string(),
    /** One-line description for search engines and link previews. */
    description: z.string(),
  }),
});

export const collections = { cases, pages };
