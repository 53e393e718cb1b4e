import { z } from 'zod';
import { statusSchema } from './status.ts';

/**
 * A claim id: lowercase ASCII words joined by `-`, used as the permalink `#<id>`.
 * `s-` and `quote-` are reserved for sentence and quote anchors.
 */
export const claimIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected lowercase ASCII words joined by `-`, starting with a letter')
  .refine((id) => !/^(s|quote)-/.test(id), 'ids starting with `s-` or `quote-` are reserved for source anchors');

/** Attributes of a `:::claim{…}` directive, exactly as written in the case file. */
export const claimAttributesSchema = z.strictObject({
  /** Permalink id, written `#my-claim-id`. */
  id: claimIdSchema,
  /** The verdict. */
  status: statusSchema,
  /** Who made the claim, where and when. */
  claimant: z.string().trim().min(1),
  /** For `unconfirmed` claims: the evidence that would settle it. */
  missing: z.string().trim().min(1).optional(),
  /** Which occurrence of the quote in the source is meant (1-based), when it appears more than once. */
  occurrence: z.coerce
    .number({ error: 'expected a whole number such as `2`' })
    .int('expected a whole number such as `2`')
    .min(1, 'expected 1 or more (occurrences count from 1)')
    .optional(),
});

export type ClaimAttributes = z.infer<typeof claimAttributesSchema>;

/** Names of all attributes a claim directive accepts. */
export const CLAIM_ATTRIBUTE_NAMES = Object.keys(claimAttributesSchema.shape) as (keyof ClaimAttributes)[];
