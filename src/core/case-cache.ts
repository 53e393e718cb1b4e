import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import type { VerifiedRecord } from './case-digest.ts';
import type { FilePiece } from './output-pieces.ts';
import { provenanceFacts, type ProvenanceFacts } from './provenance/case-passages.ts';
import { replaceFile } from './replace-file.ts';

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
  published.summary.sizes = writeCachedCase(dir, entry, key, published.facts);
  return published;
}

/** The provenance facts of a cached case (for a case kept from an earlier build). */
export function readCachedFacts(dir: string, summary: CaseSummary): ProvenanceFacts {
  return readCached(dir, summary, 'facts') as ProvenanceFacts;
}

/** Writes a verified case under its key (atomically: a reader sees the whole file or none); returns the files' sizes. */
function writeCachedCase(dir: string, entry: CaseEntry, key: string, facts: ProvenanceFacts): [number, number] {
  mkdirSync(dir, { recursive: true });
  const { history: _history, ...rest } = entry;
  const factsBytes = Buffer.from(JSON.stringify(facts));
  const caseBytes = Buffer.from(JSON.stringify(rest));
  // The facts first: a case file present means both are.
  replaceFile(fileOf(dir, entry.id, key, 'facts'), factsBytes);
  replaceFile(fileOf(dir, entry.id, key), caseBytes);
  return [caseBytes.length, factsBytes.length];
}

/** Marks a cached case as used now, so pruning by age never removes a case a current build still relies on. */
function markUsed(file: string): void {
  const now = new Date();
  utimesSync(file, now, now);
}

/**
 * Whether the cache holds the case of this summary whole: both files there, of the sizes the summary recorded (the
 * loader verifies the case again when not). Two `stat`s and a `utimes` (markUsed), no reading.
 */
export function hasCachedCase(dir: string, summary: Pick<CaseSummary, 'id' | 'key' | 'sizes'>): boolean {
  if (!summary.sizes) return false;
  const file = fileOf(dir, summary.id, summary.key);
  try {
    if (statSync(fileOf(dir, summary.id, summary.key, 'facts')).size !== summary.sizes[1] || statSync(file).size !== summary.sizes[0]) return false;
    markUsed(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The summary of a case cached under `key` (for a kept case whose summary Astro's store does not hold), or undefined
 * when the cache does not hold it whole: both files read and parsed.
 */
export function readCachedSummary(dir: string, id: string, key: string): CaseSummary | undefined {
  try {
    const file = fileOf(dir, id, key);
    const caseBytes = readFileSync(file);
    const factsBytes = readFileSync(fileOf(dir, id, key, 'facts'));
    JSON.parse(factsBytes.toString('utf8'));
    const summary = summarizeCase(JSON.parse(caseBytes.toString('utf8')) as CaseEntry, key);
    markUsed(file);
    return { ...summary, sizes: [caseBytes.length, factsBytes.length] };
  } catch {
    return undefined;
  }
}

/**
 * The whole case of a summary, with the summary's verdict history (which changes with git, not with the
 * case). Throws with the fix when the cache lost it or holds it damaged (changed under a running dev server or build).
 */
export function readCachedCase(dir: string, summary: CaseSummary): CaseEntry {
  const entry = readCached(dir, summary, 'case') as CaseEntry;
  if (summary.history) entry.history = summary.history;
  return entry;
}

function readCached(dir: string, summary: Pick<CaseSummary, 'id' | 'key' | 'sizes'>, kind: 'case' | 'facts'): unknown {
  const where = path.relative(process.cwd(), dir) || dir;
  let bytes: Buffer;
  try {
    bytes = readFileSync(fileOf(dir, summary.id, summary.key, kind));
  } catch {
    throw new Error(`tahqiq: the verified case \`${summary.id}\` is missing from ${where}; run the command again (the cache was cleared while it ran)`);
  }
  const expected = summary.sizes?.[kind === 'case' ? 0 : 1];
  try {
    if (expected !== undefined && bytes.length !== expected) throw new Error(`${bytes.length} bytes where ${expected} were written`);
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new Error(`tahqiq: the verified case \`${summary.id}\` in ${where} is damaged (${error instanceof Error ? error.message : String(error)}); run the command again, which verifies the case anew; if it fails the same way, delete ${where} and run it once more`);
  }
}

/**
 * A text made from a verified case (its part of an export), kept beside the case under the case's key and a
 * kind naming what else the text depends on (`claims-<digest of the site's addresses and labels>`): made once,
 * then kept while the case and that context are unchanged. Returned as the kept file and the length of its text in
 * UTF-8 bytes, as they are published (written into the export from the file: output-pieces.ts). `kind` is letters, a
 * dash and 12 hex digits. A kept file whose seal (sealOf) does not match its length was damaged outside the build (a
 * cut-short cache restore): it is made again, never published.
 */
export function derivedFile(dir: string, summary: Pick<CaseSummary, 'id' | 'key'>, kind: string, make: () => string): FilePiece {
  if (!DERIVED_KIND.test(kind)) throw new Error(`tahqiq: derived text kind \`${kind}\` is not letters, a dash and 12 hex digits`);
  const file = fileOf(dir, summary.id, summary.key, kind);
  const kept = sealedLength(file);
  if (kept !== undefined) return { file, size: kept };
  const bytes = Buffer.from(make());
  mkdirSync(dir, { recursive: true });
  replaceFile(file, Buffer.concat([bytes, Buffer.from(sealOf(bytes.length), 'latin1')]));
  return { file, size: bytes.length };
}

/** What follows a derived text in its file: a mark and the text's length in bytes (12 digits: one length for every seal). */
const sealOf = (length: number) => `\n\0tahqiq-length:${String(length).padStart(12, '0')}\0`;
const SEAL_LENGTH = sealOf(0).length;

/**
 * The length of the text in a derived file, when the file ends with the seal of that length (one `open`, `fstat`,
 * read of the seal and `close`: its text is not read); undefined when it is missing or does not.
 */
function sealedLength(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // not made yet
  }
  try {
    const length = fstatSync(fd).size - SEAL_LENGTH;
    if (length < 0) return undefined;
    const seal = Buffer.alloc(SEAL_LENGTH);
    return readSync(fd, seal, 0, SEAL_LENGTH, length) === SEAL_LENGTH && seal.toString('latin1') === sealOf(length) ? length : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
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
    ...(entry.revisions ? { revisions: entry.revisions } : {}),
    claimCount: entry.claims.length,
    documents: entry.sources.map((s) => ({ id: s.id, document: s.document, sha256: s.sha256 })),
    key,
  };
}
