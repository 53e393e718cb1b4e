import { z } from 'zod';
import { caseFrontmatterSchema } from './frontmatter.ts';
import { claimantTypeSchema, claimIdSchema } from './claim.ts';
import { evidenceRelationSchema } from './evidence.ts';
import { caseHistorySchema } from './history.ts';
import { statusSchema } from './status.ts';

const pointSchema = z.object({ line: z.number().int(), column: z.number().int() });

/** A passage marked in a source view: a claim's quote, an evidence passage or a source note. */
const passageSchema = z.object({
  /** Its anchor id on the page: `quote-<claim>`, `quote-<claim>--e<n>` or `note-<n>-text`. */
  id: z.string(),
  kind: z.enum(['quote', 'evidence', 'note']),
  /** Where its back link goes: the claim row, the evidence item under the claim, or the note in the case notes. */
  back: z.string(),
  /** The claim's number, or the note's. */
  number: z.number().int().min(1),
  /** For quotes and evidence: the claim's status. */
  status: statusSchema.optional(),
  /** For evidence: how it bears on the claim. */
  relation: evidenceRelationSchema.optional(),
});

/**
 * A run of source text with the same sentence and the same passages (see core/render-source.ts).
 * Flat on purpose: overlapping passages are indices into the document's `passages`, never nested.
 */
const segmentSchema = z.object({
  text: z.string(),
  /** Id of the sentence the segment is part of (none for the space between sentences). */
  sentence: z.string().optional(),
  /** The segment starts its sentence, so it carries the sentence's id. */
  first: z.boolean().optional(),
  /** Indices of every passage the segment belongs to. */
  passages: z.array(z.number().int()).optional(),
  /** Passages that start at this segment: first those that also end here, in the order of `ends` (the first of them carries the mark's id). */
  starts: z.array(z.number().int()).optional(),
  /** Passages that end with this segment (their back links go here, each after its anchor but the mark's own): first those that also start here, in the order of `starts`. */
  ends: z.array(z.number().int()).optional(),
});

const sourceBlockSchema = z.object({ kind: z.enum(['heading', 'paragraph']), line: z.number().int(), id: z.string(), segments: z.array(segmentSchema) });

export type PassageData = z.infer<typeof passageSchema>;
export type SegmentData = z.infer<typeof segmentSchema>;
export type SourceBlockData = z.infer<typeof sourceBlockSchema>;

/** Where a passage (quote, evidence, note) was found in its document. */
const anchoredPassageSchema = z.object({
  /** Id of the document it comes from. */
  doc: z.string(),
  /** The passage as typed in the case file. */
  typed: z.string(),
  /** The same passage as the source writes it. */
  source: z.string(),
  match: z.enum(['exact', 'normalized']),
  /** Where the passage starts in the source document. */
  place: pointSchema,
  sentenceIds: z.array(z.string()).min(1),
});

/** An evidence passage cited by a claim. */
const evidenceEntrySchema = z.object({
  /** Id of its item under the claim: `<claim>--e<n>` (claim ids never hold `--`). */
  id: z.string(),
  relation: evidenceRelationSchema,
  /** Who says it, as written in `by=`; absent when it is the document's own voice. */
  by: z.string().optional(),
  /** Who says it, for the method: `by`, else the document's publisher. */
  attribution: z.string(),
  passage: anchoredPassageSchema,
  /** Its anchor id in the source view. */
  anchor: z.string(),
});

/** An editor's note on a source passage, shown in the source view and the case notes. */
const sourceNoteEntrySchema = z.object({
  number: z.number().int().min(1),
  /** The note's id in the case notes: `note-<n>`; the passage's anchor is `note-<n>-text`. */
  id: z.string(),
  passage: anchoredPassageSchema,
  bodyHtml: z.string(),
});

/** A source document of the case, with its text ready to render. */
const sourceEntrySchema = z.object({
  /** Short id (`doc=`); `source` for a single `source:`. */
  id: z.string(),
  /** The id of its section on the page: `source` for the first document, `source-<id>` for the others. */
  sectionId: z.string(),
  document: z.string(),
  publisher: z.string(),
  url: z.string().optional(),
  published: z.string().optional(),
  lang: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  record: z.boolean(),
  sha256: z.string().length(64),
  bytes: z.number().int(),
  sentenceCount: z.number().int(),
  passages: z.array(passageSchema),
  blocks: z.array(sourceBlockSchema),
});

/** One verified claim, as published. */
export const claimEntrySchema = z.object({
  /** Permalink id (the row's `id`). */
  id: claimIdSchema,
  /** 1-based position in the case, shown as "claim N". */
  number: z.number().int().min(1),
  status: statusSchema,
  /** The claim statement, rendered from markdown (safe HTML). */
  labelHtml: z.string(),
  labelText: z.string(),
  claimant: z.string(),
  /** Written only when the case says so (`claimant-type=organization`); absent: people. */
  claimantType: claimantTypeSchema.optional(),
  /** For unconfirmed claims: the evidence that would settle it. */
  missing: z.string().optional(),
  /** Why this status, rendered from markdown (safe HTML). */
  reasoningHtml: z.string(),
  quote: anchoredPassageSchema,
  /** Evidence passages, in the order written. */
  evidence: z.array(evidenceEntrySchema),
  /** Where the claim is written in the case file. */
  place: pointSchema,
});

/** A whole case, ready for pages. Stored by the content loader. */
export const caseEntrySchema = z.object({
  id: z.string(),
  /** Case file path from the project root. */
  file: z.string(),
  title: caseFrontmatterSchema.shape.title,
  lang: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  summary: z.string(),
  reviewed: z.string(),
  reviewers: z.array(z.string()).optional(),
  /** Reasons given to readers for past revisions, by commit hash prefix (frontmatter `revisions`). */
  revisions: z.record(z.string(), z.string()).optional(),
  /** Cases that are this fact-check in other languages (frontmatter `translations`), with where each id is written. */
  translations: z.array(z.object({ id: z.string(), place: pointSchema })).optional(),
  notesHtml: z.string(),
  /** The first document's description (kept for readers of the single-source shape); its text is in `sources[0]`. */
  source: sourceEntrySchema.omit({ passages: true, blocks: true }),
  /** Every source document, in order, each with its text. */
  sources: z.array(sourceEntrySchema).min(1),
  /** Editors' notes on source passages. */
  sourceNotes: z.array(sourceNoteEntrySchema),
  claims: z.array(claimEntrySchema),
  tally: z.object({ confirmed: z.number().int(), unconfirmed: z.number().int(), disputed: z.number().int() }),
  /** Verdict history from git (workflow, src/core/provenance); absent outside git. */
  history: caseHistorySchema.optional(),
});

export type ClaimEntry = z.infer<typeof claimEntrySchema>;
export type CaseEntry = z.infer<typeof caseEntrySchema>;
export type SourceEntry = z.infer<typeof sourceEntrySchema>;
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;
export type SourceNoteEntry = z.infer<typeof sourceNoteEntrySchema>;
