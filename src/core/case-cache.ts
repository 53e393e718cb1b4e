import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import type { VerifiedRecord } from './case-digest.ts';
import type { FilePiece } from './output-pieces.ts';
import { provenanceFacts, type ProvenanceFacts } from './provenance/case-passages.ts';

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

/**
 * How often a build prunes (pruneCaseCacheIfDue): a prune reads the age of every file no current case uses, and
 * each change of the tool leaves a whole archive's worth of those for a day (4,000 cases, 20 versions: 228,000
 * files, 2.0 s of a 12 s rebuild with nothing changed). Pruning hourly still removes each file within 25 hours.
 */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** The file whose modification time says when the cache was last pruned. */
const PRUNED_MARK = '.pruned';

export function caseCacheDir(root: string): string {
  return path.resolve(root, CASE_CACHE_DIR);
}

/** The cache key of a verified case: its file and tool digest and the digests of the sources it read. */
export function caseKey(record: VerifiedRecord): string {
  return createHash('sha256').update(record.digest).update('\0').update(JSON.stringify(record.sources)).digest('hex').slice(0, 24);
}

/** A verified case's files: the whole case (`case`), what the provenance checks read of it (`facts`), texts derived from it (derivedFile). */
const fileOf = (dir: string, id: string, key: string, kind: string = 'case') => path.join(dir, `${id}.${key}.${kind}.json`);

function writeAtomic(file: string, text: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** A verified case as the content loader keeps it: its summary for the store and its provenance facts. */
export interface PublishedCase {
  summary: CaseSummary;
  facts: ProvenanceFacts;
}

/** The key of a case published without a record (not expected: a published case has one): a digest of the entry itself. */
export function entryKey(entry: CaseEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 24);
}

/** What the loader keeps of a verified case under `key`, without caching it (what `tahqiq check` needs of each case). */
export function publishedCase(entry: CaseEntry, key: string): PublishedCase {
  return { summary: summarizeCase(entry, key), facts: provenanceFacts(entry) };
}

/** Caches a verified case (whole, and its provenance facts) under `key` (caseKey of its record); returns what the loader keeps. */
export function publishCase(dir: string, entry: CaseEntry, key: string): PublishedCase {
  const published = publishedCase(entry, key);
  writeCachedCase(dir, entry, key, published.facts);
  return published;
}

/** The provenance facts of a cached case (for a case kept from an earlier build). */
export function readCachedFacts(dir: string, summary: CaseSummary): ProvenanceFacts {
  return JSON.parse(readCached(dir, summary, 'facts')) as ProvenanceFacts;
}

/** Writes a verified case under its key (atomically: a reader sees the whole file or none). */
function writeCachedCase(dir: string, entry: CaseEntry, key: string, facts: ProvenanceFacts): void {
  mkdirSync(dir, { recursive: true });
  const { history: _history, ...rest } = entry;
  // The facts first: a case file present means both are.
  writeAtomic(fileOf(dir, entry.id, key, 'facts'), JSON.stringify(facts));
  writeAtomic(fileOf(dir, entry.id, key), JSON.stringify(rest));
}

/**
 * Whether the case is cached under this key (the loader verifies it again when not). A file found is
 * marked as used now, so pruning by age never removes a case a current build still relies on.
 */
export function hasCachedCase(dir: string, id: string, key: string): boolean {
  const file = fileOf(dir, id, key);
  try {
    const now = new Date();
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * The summary of a case cached under `key` (for a kept case whose summary Astro's store no longer holds), or
 * undefined when the cache does not hold it whole.
 */
export function readCachedSummary(dir: string, id: string, key: string): CaseSummary | undefined {
  try {
    return summarizeCase(JSON.parse(readCached(dir, { id, key }, 'case')) as CaseEntry, key);
  } catch {
    return undefined;
  }
}

/**
 * The whole case of a summary, with the summary's verdict history (which changes with git, not with the
 * case). Throws with the fix when the cache lost it (deleted under a running dev server or build).
 */
export function readCachedCase(dir: string, summary: CaseSummary): CaseEntry {
  const entry = JSON.parse(readCached(dir, summary, 'case')) as CaseEntry;
  if (summary.history) entry.history = summary.history;
  return entry;
}

function readCached(dir: string, summary: Pick<CaseSummary, 'id' | 'key'>, kind: 'case' | 'facts'): string {
  try {
    return readFileSync(fileOf(dir, summary.id, summary.key, kind), 'utf8');
  } catch {
    throw new Error(`tahqiq: the verified case \`${summary.id}\` is missing from ${path.relative(process.cwd(), dir) || dir}; run the command again (the cache was cleared while it ran)`);
  }
}

/**
 * A text made from a verified case (its part of an export), kept beside the case under the case's key and a
 * kind naming what else the text depends on (`claims-<digest of the site's addresses and labels>`): made once,
 * then kept while the case and that context are unchanged. Returned as the kept file, its UTF-8 bytes as they are
 * published (written into the export from the file: output-pieces.ts). `kind` is letters, a dash and 12 hex digits.
 */
export function derivedFile(dir: string, summary: Pick<CaseSummary, 'id' | 'key'>, kind: string, make: () => string): FilePiece {
  if (!DERIVED_KIND.test(kind)) throw new Error(`tahqiq: derived text kind \`${kind}\` is not letters, a dash and 12 hex digits`);
  const file = fileOf(dir, summary.id, summary.key, kind);
  try {
    return { file, size: statSync(file).size };
  } catch {
    const bytes = Buffer.from(make());
    mkdirSync(dir, { recursive: true });
    writeAtomic(file, bytes);
    return { file, size: bytes.length };
  }
}

const DERIVED_KIND = /^[a-z]+-[0-9a-f]{12}$/;

/** A file of the cache: `<id>.<key>.<case|facts|derived kind>.json`. */
const CACHE_FILE = new RegExp(`^(.+)\\.([0-9a-f]{24})\\.(?:case|facts|${DERIVED_KIND.source.slice(1, -1)})\\.json$`);

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
    const match = CACHE_FILE.exec(name);
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

/**
 * Prunes the cache (pruneCaseCache) unless it was pruned in the last hour; returns the files removed, or
 * undefined when it was not due.
 */
export function pruneCaseCacheIfDue(dir: string, current: ReadonlyMap<string, string>, now = Date.now()): number | undefined {
  const mark = path.join(dir, PRUNED_MARK);
  try {
    if (now - statSync(mark).mtimeMs < PRUNE_EVERY_MS) return undefined;
  } catch {
    // never pruned here
  }
  const removed = pruneCaseCache(dir, current, now);
  try {
    writeFileSync(mark, '');
    const when = new Date(now);
    utimesSync(mark, when, when);
  } catch {
    // no cache folder: nothing to prune next time either
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
