import { z } from 'zod';
import { occurrenceSchema } from './claim.ts';
import { documentIdSchema } from './frontmatter.ts';

/** How an evidence passage bears on its claim, in the order the case page shows them. */
export const EVIDENCE_RELATIONS = ['supports', 'contradicts', 'context'] as const;
export const evidenceRelationSchema = z.enum(EVIDENCE_RELATIONS);
export type EvidenceRelation = z.infer<typeof evidenceRelationSchema>;
/** The shape that shows each relation beside its label (never colour alone): plus, minus, ⓘ. */
export const RELATION_GLYPHS: Record<EvidenceRelation, string> = { supports: '+', contradicts: '−', context: 'ⓘ' };

/** Attributes of `::supports[…]{…}`, `::contradicts[…]{…}` and `::context[…]{…}`, exactly as written. */
export const evidenceAttributesSchema = z.strictObject({
  /** Who says it (the attribution), when not the document's publisher, e.g. `by="مسؤولان أمنيان سوريان"`. */
  by: z.string().trim().min(1, 'expected who says it, e.g. `by="Two Syrian security officials"`').optional(),
  /** Which document the passage comes from; default: the first. */
  doc: documentIdSchema.optional(),
  /** Which occurrence of the passage is meant, when it appears more than once. */
  occurrence: occurrenceSchema.optional(),
});
export type EvidenceAttributes = z.infer<typeof evidenceAttributesSchema>;
export const EVIDENCE_ATTRIBUTE_NAMES = Object.keys(evidenceAttributesSchema.shape) as (keyof EvidenceAttributes)[];

/** Attributes of a `:::note{…}` source note. */
export const noteAttributesSchema = evidenceAttributesSchema.omit({ by: true });
export type NoteAttributes = z.infer<typeof noteAttributesSchema>;
export const NOTE_ATTRIBUTE_NAMES = Object.keys(noteAttributesSchema.shape) as (keyof NoteAttributes)[];
