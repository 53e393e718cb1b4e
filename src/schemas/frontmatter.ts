import { z } from 'zod';

/** A BCP 47 language tag that `Intl` accepts, e.g. `ar`, `en`, `ar-SY`. */
export const languageTagSchema = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { message: 'expected a BCP 47 language tag such as `ar` or `en`' },
);

/** A real calendar date written `YYYY-MM-DD` (YAML 1.2, as parsed here, keeps it a string). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written `YYYY-MM-DD`', abort: true })
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
  }, 'expected a real calendar date');

/** Where the quoted words come from: a document kept verbatim in `seeds/`. */
export const sourceSchema = z.strictObject({
  /** Path of the source document from the project root, e.g. `seeds/report.txt`; `.txt` or `.md`. */
  document: z
    .string()
    .regex(/^seeds\/[^\s]+\.(txt|md)$/, 'expected a path like `seeds/<name>.txt` or `seeds/<name>.md`'),
  /** Who published the source, e.g. `Associated Press`. */
  publisher: z.string().min(1, 'expected who published the source, found an empty value'),
  /** Where the source was published, if online. */
  url: z.url().optional(),
  /** When the source was published (`YYYY-MM-DD`). */
  published: isoDateSchema.optional(),
  /** Language of the source document, when it differs from the case's `lang`. */
  lang: languageTagSchema.optional(),
});

/** The YAML frontmatter at the top of every case file. */
export const caseFrontmatterSchema = z.strictObject({
  /** The case headline, in the case's language. */
  title: z.string().min(1, 'expected a headline, found an empty value'),
  /** BCP 47 language of the case; decides `dir` and the UI language. */
  lang: languageTagSchema,
  /** The source document the claims quote. */
  source: sourceSchema,
  /** When the fact-check was last reviewed (`YYYY-MM-DD`). */
  reviewed: isoDateSchema,
  /** One-paragraph conclusion shown at the top of the case page. */
  summary: z.string().min(1, 'expected a one-paragraph conclusion, found an empty value'),
  /** Who reviewed the case; optional. */
  reviewers: z.array(z.string().min(1)).optional(),
});

export type CaseFrontmatter = z.infer<typeof caseFrontmatterSchema>;
export type CaseFrontmatterInput = z.input<typeof caseFrontmatterSchema>;
