import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { caseLoader } from './loaders/case-loader.ts';

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
