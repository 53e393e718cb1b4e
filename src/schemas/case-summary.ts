import { z } from 'zod';
import { caseEntrySchema } from './case-entry.ts';

/**
 * What the content store keeps of a case: what lists, feeds and links need (index page, feed, sitemap,
 * translations, share card). The whole verified case (source texts, segments, claims) stays out of the
 * store, in the verified-case cache (src/core/case-cache.ts) under `key`: a store of summaries is small
 * enough to write, load and reload in a moment at thousands of cases, in a build and in the dev server.
 */
export const caseSummarySchema = caseEntrySchema
  .pick({ id: true, file: true, title: true, lang: true, dir: true, summary: true, reviewed: true, reviewers: true, translations: true, tally: true, history: true, revisions: true })
  .extend({
    /** Number of claims in the table. */
    claimCount: z.number().int(),
    /** Each source document by id, with its path from the project root (for `/cases/<id>/sources/<doc>.txt`). */
    documents: z.array(z.object({ id: z.string(), document: z.string(), sha256: z.string() })),
    /** The verified case's key in the cache: changes with the case file, its sources and the tool. */
    key: z.string(),
    /**
     * The sizes in bytes of the cached case's two files (the whole case, its provenance facts), written with them: a
     * file of another size was damaged outside the build (a cut-short cache restore), and the case is verified again.
     * Absent where nothing was cached (`tahqiq check`).
     */
    sizes: z.tuple([z.number().int(), z.number().int()]).optional(),
  });

export type CaseSummary = z.infer<typeof caseSummarySchema>;
