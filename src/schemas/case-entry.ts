import { z } from 'zod';
import { caseFrontmatterSchema } from './frontmatter.ts';
import { claimIdSchema } from './claim.ts';
import { caseHistorySchema } from './history.ts';
import { statusSchema } from './status.ts';

const pointSchema = z.object({ line: z.number().int(), column: z.number().int() });

/** A node of the rendered source document (see core/render-source.ts). */
export type SourceNodeData =
  | { type: 'text'; value: string }
  | { type: 'sentence'; sentence: string; first: boolean; value: string }
  | { type: 'mark'; claim: string; number: number; status: z.infer<typeof statusSchema>; children: SourceNodeData[] };

const sourceNodeSchema: z.ZodType<SourceNodeData> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), value: z.string() }),
    z.object({ type: z.literal('sentence'), sentence: z.string(), first: z.boolean(), value: z.string() }),
    z.object({ type: z.literal('mark'), claim: z.string(), number: z.number().int(), status: statusSchema, children: z.array(sourceNodeSchema) }),
  ]),
);

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
  /** For unconfirmed claims: the evidence that would settle it. */
  missing: z.string().optional(),
  /** Why this status, rendered from markdown (safe HTML). */
  reasoningHtml: z.string(),
  quote: z.object({
    /** The quote as typed in the case file. */
    typed: z.string(),
    /** The same passage as the source writes it. */
    source: z.string(),
    match: z.enum(['exact', 'normalized']),
    /** Where the passage starts in the source document. */
    place: pointSchema,
    sentenceIds: z.array(z.string()).min(1),
  }),
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
  notesHtml: z.string(),
  source: z.object({
    document: z.string(),
    publisher: z.string(),
    url: z.string().optional(),
    published: z.string().optional(),
    lang: z.string(),
    dir: z.enum(['ltr', 'rtl']),
    sha256: z.string().length(64),
    bytes: z.number().int(),
    sentenceCount: z.number().int(),
    blocks: z.array(z.object({ kind: z.enum(['heading', 'paragraph']), line: z.number().int(), children: z.array(sourceNodeSchema) })),
  }),
  claims: z.array(claimEntrySchema),
  tally: z.object({ confirmed: z.number().int(), unconfirmed: z.number().int(), disputed: z.number().int() }),
  /** Verdict history from git (workflow, src/core/provenance); absent outside git. */
  history: caseHistorySchema.optional(),
});

export type ClaimEntry = z.infer<typeof claimEntrySchema>;
export type CaseEntry = z.infer<typeof caseEntrySchema>;
