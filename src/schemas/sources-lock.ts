import { z } from 'zod';

/** Where a quoted passage was in its source, as last accepted. Offsets count UTF-16 code units of the decoded text, as JavaScript strings do. */
export const lockedPassageSchema = z.strictObject({
  /** The passage exactly as the source wrote it (not as the claim typed it). */
  passage: z.string().min(1).describe('The quoted passage exactly as the source document wrote it when last accepted.'),
  start: z.number().int().min(0).describe('Offset of the passage in the decoded source text (UTF-16 code units).'),
  end: z.number().int().min(0).describe('Offset just after the passage.'),
  line: z.number().int().min(1).describe('1-based line of the passage start, for people reading the lock file.'),
  column: z.number().int().min(1).describe('1-based column of the passage start.'),
});

/** One source document of one case, as it was when the case's claims were last checked. */
export const lockedSourceSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits').describe('SHA-256 of the document bytes when the claims were last accepted.'),
  /** Passages by claim id, in case order. */
  claims: z.record(z.string(), lockedPassageSchema).describe('Quoted passages by claim id.'),
});

/** `content/sources.lock.json`: the fingerprint of every source of every case, written by `tahqiq check --accept`, kept in git. */
export const sourcesLockSchema = z.strictObject({
  version: z.literal(1).describe('Format version of this file.'),
  /** By case file path from the project root. */
  cases: z.record(z.string(), z.strictObject({
    sources: z.record(z.string(), lockedSourceSchema).describe('By source document path, e.g. `seeds/report.txt`.'),
  })).describe('By case file path from the project root, e.g. `content/cases/dumayr-raid.md`.'),
});

export type LockedPassage = z.infer<typeof lockedPassageSchema>;
export type LockedSource = z.infer<typeof lockedSourceSchema>;
export type SourcesLock = z.infer<typeof sourcesLockSchema>;
