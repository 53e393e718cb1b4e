import { z } from 'zod';
import { hasVisibleText } from '../core/invisible-text.ts';
import { documentIdSchema } from './frontmatter.ts';
import { statusSchema } from './status.ts';

/** Ids the case page uses for itself (its parts, the history section, the status views); a claim may not take them. */
export const RESERVED_IDS = [
  'main', 'claims', 'source', 'source-heading', 'glance-heading', 'claims-heading', 'history', 'history-heading',
  'status-confirmed', 'status-unconfirmed', 'status-disputed',
] as const;

/**
 * A claim id: lowercase ASCII words joined by `-`, used as the permalink `#<id>`.
 * `s-`, `quote-` and `tally-` start the page's sentence, quote and chart anchors.
 */
export const claimIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { error: 'expected lowercase ASCII words joined by `-`, starting with a letter', abort: true })
  .refine((id) => !/^(s|quote|tally|case-tally|source|note)-/.test(id), 'ids starting with `s-`, `quote-`, `tally-`, `case-tally-`, `source-` or `note-` are reserved for the page')
  .refine((id) => !(RESERVED_IDS as readonly string[]).includes(id), `the page uses this id itself (reserved: ${RESERVED_IDS.join(', ')})`);

/** Which occurrence of a passage in its source is meant (1-based), when it appears more than once. */
export const occurrenceSchema = z
  .string()
  .regex(/^[0-9]+$/, { error: 'expected a whole number such as `2`, in digits', abort: true })
  // Digits past a safe integer would be rounded (and no source holds a phrase that many times).
  .max(9, { error: 'expected a whole number of at most 9 digits: which occurrence of the passage, counting from 1', abort: true })
  .transform(Number)
  .pipe(z.number().int().min(1, 'expected 1 or more (occurrences count from 1)'));

/**
 * Whether `claimant` names people or an organisation (an authority, a company, a news organisation, an armed group):
 * the type of the claim's author in the ClaimReview structured data and the open data. Default: `person`.
 */
export const CLAIMANT_TYPES = ['person', 'organization'] as const;
export const claimantTypeSchema = z.enum(CLAIMANT_TYPES, {
  error: 'expected `person` (one or more people) or `organization` (an authority, a company, a news organisation, a group)',
});
export type ClaimantType = z.infer<typeof claimantTypeSchema>;

/** Attributes of a `:::claim{…}` directive, exactly as written in the case file. */
export const claimAttributesSchema = z.strictObject({
  /** Permalink id, written `#my-claim-id`. */
  id: claimIdSchema,
  /** The verdict. */
  status: statusSchema,
  /** Who made the claim, where and when. */
  claimant: z.string().trim().min(1).refine(hasVisibleText),
  /** Whether the claimant is people or an organisation; default `person`. */
  'claimant-type': claimantTypeSchema.optional(),
  /** For `unconfirmed` claims: the evidence that would settle it. */
  missing: z.string().trim().min(1).refine(hasVisibleText).optional(),
  /** Which source document the quote comes from (its `id` in `sources:`); default: the first. */
  doc: documentIdSchema.optional(),
  /** Which occurrence of the quote in the source is meant (1-based), when it appears more than once. */
  occurrence: occurrenceSchema.optional(),
});

export type ClaimAttributes = z.infer<typeof claimAttributesSchema>;

/** Names of all attributes a claim directive accepts. */
export const CLAIM_ATTRIBUTE_NAMES = Object.keys(claimAttributesSchema.shape) as (keyof ClaimAttributes)[];
