import { z } from 'zod';
import { hasVisibleText } from '../core/invisible-text.ts';

/** Text a reader must see: not empty, not only spaces or invisible characters. */
const visibleText = (what: string) =>
  z.string().min(1, { error: `expected ${what}, found an empty value`, abort: true }).refine(hasVisibleText, `expected ${what}, found only spaces or invisible characters`);

/** Made on first use: building it costs 35–90 ms, paid by every `tahqiq check` and verification thread otherwise. */
let languageNames: Intl.DisplayNames | undefined;
/** Languages every ICU build names: a case in one of them never needs the names at all. */
const NAMED_EVERYWHERE = new Set(['ar', 'en', 'fr', 'es', 'de', 'tr', 'fa', 'ur', 'ku', 'he']);

/** Each tag's answer, once per process: an archive has a handful of tags, each read several times a case. */
const knownTags = new Map<string, boolean>();

/** A well-formed BCP 47 tag whose language Intl knows by name (`ar`, `en`, `ar-SY`; not `arabic`, not `xx`). */
export function isKnownLanguageTag(tag: string): boolean {
  let known = knownTags.get(tag);
  if (known === undefined) {
    known = languageKnown(tag);
    // Bounded: a run that meets thousands of distinct (mistyped) tags answers the rest without remembering them.
    if (knownTags.size < 1000) knownTags.set(tag, known);
  }
  return known;
}

function languageKnown(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (canonical === undefined) return false;
    if (NAMED_EVERYWHERE.has(new Intl.Locale(canonical).language)) return true;
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    return languageNames.of(new Intl.Locale(canonical).language) !== undefined;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag of a language `Intl` knows, e.g. `ar`, `en`, `ar-SY`. */
export const languageTagSchema = z.string().refine(isKnownLanguageTag, {
  message: 'expected a BCP 47 language tag such as `ar`, `en` or `ar-SY` (a language code, not its name)',
});

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real calendar date written `YYYY-MM-DD` (YAML 1.2, as parsed here, keeps it a string), not in the future. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written `YYYY-MM-DD`', abort: true })
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
  }, { error: 'expected a real calendar date', abort: true })
  // A day's grace: where the newsroom is, it may already be tomorrow in UTC.
  .refine((s) => s <= isoDay(Date.now() + DAY_MS), {
    error: 'expected a date no later than today: a date in the future is published as written',
  });

/** A source document's path: in `seeds/`, no spaces, `.txt` or `.md`. */
const SOURCE_PATH = /^seeds\/[^\s]+\.(txt|md)$/;

/** Where the quoted words come from: a document kept verbatim in `seeds/`. */
export const sourceSchema = z.strictObject({
  document: z
    .string()
    .regex(SOURCE_PATH, {
      // A space at either end is invisible in the message: it is named.
      error: (issue) => {
        const path = typeof issue.input === 'string' ? issue.input : '';
        const trimmed = path.trim();
        return trimmed !== path && SOURCE_PATH.test(trimmed)
          ? `expected \`${trimmed}\` without the space${path.length - trimmed.length > 1 ? 's' : ''} ${path.startsWith(trimmed) ? 'after' : 'before'} it`
          : 'expected a path like `seeds/<name>.txt` or `seeds/<name>.md`';
      },
    })
    .describe('Path of the source document from the project root, e.g. `seeds/report.txt`; `.txt` or `.md`.'),
  publisher: visibleText('who published the source').describe('Who published the source, e.g. `Associated Press`.'),
  url: z.url({ protocol: /^https?$/, error: 'expected an `https://` or `http://` address' }).optional().describe('Where the source was published, if online.'),
  published: isoDateSchema.optional().describe('When the source was published (`YYYY-MM-DD`).'),
  lang: languageTagSchema.optional().describe('Language of the source document, when it differs from the case\'s `lang`.'),
  record: z.boolean().optional().describe('`true` when the document is an official record (a court filing, a government notice): one supporting passage from it can confirm a claim, if the method says so.'),
});

/** A document's short id, used by `doc=` on claims, evidence passages and notes. */
export const documentIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a short id of lowercase ASCII words joined by `-`, e.g. `report` or `statement`');

/** One of several source documents (`sources:`): a document with a short id. */
export const sourcesItemSchema = z.strictObject({
  id: documentIdSchema.describe('Short id of the document, e.g. `report`; claims, evidence and notes name it with `doc=`. The first document is the default.'),
  ...sourceSchema.shape,
});

/** The YAML frontmatter at the top of every case file. Each field's `.describe()` is its documentation (and the JSON Schema's). */
export const caseFrontmatterSchema = z.strictObject({
  title: visibleText('a headline').describe('The case headline, in the case\'s language.'),
  lang: languageTagSchema.describe('BCP 47 language of the case; decides `dir` and the UI language.'),
  source: sourceSchema.optional().describe('The source document the claims quote (its id is `source`). Use `sources` instead for several documents; not both.'),
  sources: z.array(sourcesItemSchema).min(1, 'expected at least one document').optional().describe('Several source documents, each with a short `id`; the first is the default. Use instead of `source`; not both.'),
  reviewed: isoDateSchema.describe('When the fact-check was last reviewed (`YYYY-MM-DD`).'),
  summary: visibleText('a one-paragraph conclusion').describe('One-paragraph conclusion shown at the top of the case page.'),
  reviewers: z.array(visibleText('a reviewer\'s name')).optional().describe('Who reviewed the case; optional.'),
  translations: z
    .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a case id: the file name of another case without `.md`, e.g. `port-fire-ar`'))
    .min(1, 'expected at least one case id')
    .optional()
    .describe('Ids of cases (file names without `.md`) that are this same fact-check in another language, e.g. `[port-fire-ar]`. Each must exist, be in another `lang`, and list this case back; the pages then link each other with `hreflang`.'),
  revisions: z
    .record(z.string().regex(/^[0-9a-fA-F]{7,40}$/, 'expected a commit hash (7 to 40 hexadecimal characters, as `git log --oneline` prints it)'), visibleText('the reason readers are given'))
    .optional()
    .describe('The reason readers are given for a past revision of this file, by its commit (`3f2a9c1: …`), in place of the commit\'s subject on the page\'s "Updates and corrections" and in its JSON: for a commit whose subject was written for the newsroom, not for readers.'),
});

export type CaseFrontmatter = z.infer<typeof caseFrontmatterSchema>;
export type SourcesItem = z.infer<typeof sourcesItemSchema>;
