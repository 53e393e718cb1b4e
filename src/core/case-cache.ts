import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import type { VerifiedRecord } from './case-digest.ts';

/**
 * The verified-case cache: each verified case, whole, in one JSON file named by its id and key
 * (`<id>.<key>.json`), next to Astro's own caches. The content store keeps only summaries
 * (src/schemas/case-summary.ts); pages read the whole case from here when they render it.
 * A file is written once under its key and never changed, so builds running side by side
 * (tests) never read a half-written or another build's case.
 */
export const CASE_CACHE_DIR = 'node_modules/.cache/tahqiq-cases';

/** Files older than this that no summary points at are removed (another checkout or build may still use newer ones). */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

export function caseCacheDir(root: string): string {
  return path.resolve(root, CASE_CACHE_DIR);
}

/** The cache key of a verified case: its file and tool digest and the digests of the sources it read. */
export function caseKey(record: VerifiedRecord): string {
  return createHash('sha256').update(record.digest).update('\0').update(JSON.stringify(record.sources)).digest('hex').slice(0, 24);
}

const fileOf = (dir: string, id: string, key: string) => path.join(dir, `${id}.${key}.json`);

/** Writes a verified case under its key (atomically: a reader sees the whole file or none). */
export function writeCachedCase(dir: string, entry: CaseEntry, key: string): void {
  mkdirSync(dir, { recursive: true });
  const file = fileOf(dir, entry.id, key);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const { history: _history, ...rest } = entry;
  writeFileSync(temp, JSON.stringify(rest));
  renameSync(temp, file);
}

/** Whether the case is cached under this key (the loader verifies it again when not). */
export function hasCachedCase(dir: string, id: string, key: string): boolean {
  try {
    return statSync(fileOf(dir, id, key)).isFile();
  } catch {
    return false;
  }
}

/**
 * The whole case of a summary, with the summary's verdict history (which changes with git, not with the
 * case). Throws with the fix when the cache lost it (deleted under a running dev server or build).
 */
export function readCachedCase(dir: string, summary: CaseSummary): CaseEntry {
  let text: string;
  try {
    text = readFileSync(fileOf(dir, summary.id, summary.key), 'utf8');
  } catch {
    throw new Error(`tahqiq: the verified case \`${summary.id}\` is missing from ${path.relative(process.cwd(), dir) || dir}; run the command again (the cache was cleared while it ran)`);
  }
  const entry = JSON.parse(text) as CaseEntry;
  if (summary.history) entry.history = summary.history;
  return entry;
}

/** Removes cached cases that no current summary uses and that nothing wrote for a day. */
export function pruneCaseCache(dir: string, current: ReadonlyMap<string, string>, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = /^(.+)\.([0-9a-f]{24})\.json$/.exec(name);
    if (match && current.get(match[1]!) === match[2]) continue;
    const file = path.join(dir, name);
    try {
      if (now - statSync(file).mtimeMs > PRUNE_AFTER_MS) {
        unlinkSync(file);
        removed++;
      }
    } catch {
      // gone already
    }
  }
  return removed;
}

/** What the content store keeps of a verified case. */
export function summarizeCase(entry: CaseEntry, key: string): CaseSummary {
  return {
    id: entry.id,
    file: entry.file,
    title: entry.title,
    lang: entry.lang,
    dir: entry.dir,
    summary: entry.summary,
    reviewed: entry.reviewed,
    ...(entry.reviewers ? { reviewers: entry.reviewers } : {}),
    ...(entry.translations ? { translations: entry.translations } : {}),
    tally: entry.tally,
    ...(entry.history ? { history: entry.history } : {}),
    claimCount: entry.claims.length,
    documents: entry.sources.map((s) => ({ id: s.id, document: s.document, sha256: s.sha256 })),
    key,
  };
}
