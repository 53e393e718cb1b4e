import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { caseLoader } from './loaders/case-loader.ts';

/** Fact-check cases: verified against their source documents by the tahqiq core. */
const cases = defineCollection({ loader: caseLoader() });

/**
 * Editorial pages (method, ratings), written in MDX. A field missing or not text is reported by the case loader's
 * check of these pages (check-editorial-pages.ts, TQ512) at the page's file, and the build stops there; read as empty
 * here, so that Astro's own schema error (with its stack trace) never comes first.
 */
const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/pages' }),
  schema: z.object({
    /** Page title. */
    title: z.string().catch(''),
    /** BCP 47 language of the page. */
    lang: z.string().catch(''),
    /** One-line description for search engines and link previews. */
    description: z.string().catch(''),
  }),
});

export const collections = { cases, pages };
