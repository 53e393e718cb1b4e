import { z } from 'zod';
import { statusSchema } from './status.ts';

/** One commit that changed a claim: what changed, from what to what, and why (the commit subject). */
export const claimChangeSchema = z.object({
  /** When readers were shown the change, `YYYY-MM-DD` (committer date, UTC): its commit's, or the merge's that published it. */
  date: z.string(),
  /** The same instant, ISO 8601 in UTC: orders the revisions of one day. */
  time: z.string().optional(),
  /** The place among the file's versions of the commit dated, 1 for the first: orders revisions committed in the same second. */
  revision: z.number().int().positive().optional(),
  /** Full hash of the commit that made the change (a branch commit a merge published, or the published commit itself). */
  commit: z.string(),
  /** The commit subject, shown as the reason. */
  reason: z.string(),
  /** `added`: the claim appeared after first publication; `status`, `label`, `quote`: that part changed; `removed`: the claim was deleted. */
  kind: z.enum(['added', 'status', 'label', 'quote', 'removed']),
  from: z.string().optional(),
  to: z.string().optional(),
  /** `removed`: the claim's last statement, so the reader learns what was withdrawn. */
  statement: z.string().optional(),
});

/** The history of one claim, oldest first. */
export const claimHistorySchema = z.object({
  id: z.string(),
  /** The ids the claim had before an editor renamed it (same quote or statement): links to them still reach it. */
  formerIds: z.array(z.string()).optional(),
  /** Date of the first commit that had the claim. */
  since: z.string(),
  /** Status when first committed. */
  firstStatus: statusSchema.or(z.string()),
  changes: z.array(claimChangeSchema),
});

/** A case's history from git: when it was first published, last updated, and every change of a claim's status, statement or quote. */
export const caseHistorySchema = z.object({
  /** First published commit of the case file (`YYYY-MM-DD`): the first on the first-parent line of the commit built. */
  firstPublished: z.string(),
  /** Latest date of a published commit of the case file (`YYYY-MM-DD`), a merge that brought a branch's work included. */
  lastUpdated: z.string(),
  /** How many published commits changed the case file (its versions on the first-parent line; a merge is one). */
  commits: z.number().int(),
  /** True in a shallow clone: commits before the clone's depth are missing, so "first published" may be later than the truth. */
  partial: z.boolean(),
  /** Claims still in the case, and removed ones, by id. */
  claims: z.array(claimHistorySchema),
});

export type ClaimChange = z.infer<typeof claimChangeSchema>;
export type ClaimHistory = z.infer<typeof claimHistorySchema>;
export type CaseHistory = z.infer<typeof caseHistorySchema>;
