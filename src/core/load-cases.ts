import path from 'node:path';
import pLimit from 'p-limit';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { buildCase, type SourceCache } from './build-case.ts';
import { bytesSha256, caseDigest, type VerifiedRecord } from './case-digest.ts';
import { FileDigests } from './file-digests.ts';
import { readIdentified, settledIdentity } from './file-identity.ts';
import { defaultIndexDir } from './provenance/lock-index.ts';
import { caseKey, publishCase, publishedCase, type PublishedCase } from './case-cache.ts';
import { listCaseFiles } from './case-files.ts';
import { failedCase } from './internal-error.ts';
import { ProblemList } from './problems.ts';
import { PublicFiles, type SiteImage } from './site-images.ts';
import { siteBase } from './site-base.ts';
import { checkTranslations, type TranslatedCase } from './translations.ts';
import { boundedSourceCache } from './source-cache.ts';
import { CASES_AT_ONCE, MIN_FILES_FOR_WORKERS, verifyInWorkers, workerCount, type WorkerRequest, type WorkerResult } from './verify-pool.ts';
import { DEFAULT_CASES_DIR } from './cases-dir.ts';
import { decodeCaseFile } from './decode-case-file.ts';

export { DEFAULT_CASES_DIR };

/** Where the digests of case files and sources are remembered, in the project's cache (file-digests.ts). */
const FILE_DIGESTS = 'file-digests.json';

export interface LoadedCases {
  /** Cases verified in this run (all of them, unless `previous` let some be kept). Empty with `cacheDir`: see `published`. */
  cases: CaseEntry[];
  /** With `cacheDir`: the cases verified in this run, written to the verified-case cache, as the loader keeps them. */
  published: PublishedCase[];
  problems: ProblemList;
  /** Case files read, relative to the root. */
  files: string[];
  /**
   * Ids of cases unchanged since `previous`: not verified again, their stored entries stay valid. A kept case
   * failing the checks between cases (`translations`) is not listed: like a verified one, it is not published.
   */
  kept: string[];
  /** Case files that build on their own but fail the checks between cases (`translations`): not published. */
  withheld: ReadonlySet<string>;
  /** What each verified or kept case depended on, for the next run. */
  records: Map<string, VerifiedRecord>;
  /** Worker threads that verified the cases (0: this thread). */
  workers: number;
}

export interface LoadOptions {
  /** Records of the last run (see VerifiedRecord): cases whose file and sources are unchanged are kept, not verified. */
  previous?: ReadonlyMap<string, VerifiedRecord> | undefined;
  /** The tool digest (toolDigest()); records are only kept under the same one. Required with `previous`. */
  tool?: string | undefined;
  /** Worker processes for large runs (default workerCount(): one per core, at most 4); 1 verifies in this thread. */
  workers?: number | undefined;
  /**
   * The verified-case cache (src/core/case-cache.ts): each published case is written there, by the thread
   * that verified it, and returned as its summary and provenance facts (`published`) instead of its entry.
   */
  cacheDir?: string | undefined;
  /**
   * Without `cacheDir`: return each verified case as its summary and provenance facts (`published`), not its entry,
   * and cache nothing. What a check of the whole archive needs; its worker processes then send back little.
   */
  summaries?: boolean | undefined;
  /**
   * The stored entry (or summary) of a kept case (the loader's store), for checks between cases (`translations`):
   * every kept case is checked with the cases verified now, as a run verifying all of them would check it. A case
   * it does not know is verified again (its links could not be checked); without it, kept cases are not checked.
   */
  keptEntry?: ((id: string) => TranslatedCase | undefined) | undefined;
  /** How long ago a file must have last changed for its digest to be remembered (file-identity.ts; tests set 0). */
  settledNs?: bigint | undefined;
}

export interface VerifiedFile {
  /** The published entry; undefined when the case has errors. */
  entry: CaseEntry | undefined;
  /** This case's own problems. */
  problems: ProblemList;
  /** What it depended on, when it can be kept next time (published, no errors). */
  record: VerifiedRecord | undefined;
  /** With a record: the case file and the sources it read, each with its identity and digest (FileDigests.learn). */
  seen?: SeenFile[] | undefined;
}

/** A file as verification read it: its path from the root, its identity (readIdentified), its SHA-256. */
export type SeenFile = [file: string, identity: string | undefined, sha256: string];

/**
 * Verifies one case file (relative to the root). `sources` is shared between the
 * cases of one run so each document is read and split once.
 */
export async function verifyCaseFile(root: string, file: string, options: { sources?: SourceCache; tool?: string; settledNs?: bigint | undefined } = {}): Promise<VerifiedFile> {
  const own = new ProblemList();
  const { bytes, ...read } = readIdentified(path.join(root, file));
  const markdown = decodeCaseFile(bytes, file, own);
  if (markdown === undefined) return { entry: undefined, problems: own, record: undefined };
  const used = new Map<string, ReturnType<SourceCache['get']>>();
  const shared: SourceCache = options.sources ?? new Map();
  // The recording wrapper is new for each case; the method is read once for the shared cache's run.
  const images: SiteImage[] = [];
  const entry = await buildCase({ root, file, markdown, problems: own, sources: recording(shared, used), run: shared, images });
  // Only a published case with known sources is recorded; anything else is verified again next time.
  if (!entry || used.size === 0) return { entry, problems: own, record: undefined };
  const sha256 = bytesSha256(bytes);
  const seen: SeenFile[] = [[file, settledIdentity(read, options.settledNs), sha256]];
  // Each document by the digest of the bytes this case was verified against (read once per run, maybe long before
  // this case: a source edited since must not pass for verified), with the identity that read found; '' (never a
  // digest) when two reads differed.
  const verified = new Map<string, SeenFile>();
  for (const [key, pending] of used) {
    const doc = await pending;
    const document = key.split('\u0000')[0]!;
    const now: SeenFile = doc && typeof doc !== 'string' ? [document, doc.read && settledIdentity(doc.read, options.settledNs), doc.sha256] : [document, undefined, ''];
    verified.set(document, bothReads(verified.get(document), now));
  }
  const deps: Record<string, string> = {};
  for (const document of [...verified.keys()].sort()) {
    const known = verified.get(document)!;
    deps[document] = known[2];
    if (known[2] !== '') seen.push(known);
  }
  return { entry, problems: own, record: { digest: caseDigest(options.tool ?? '', file, sha256), sources: deps, problems: own.items, ...(images.length > 0 ? { images } : {}) }, seen };
}

/** A document a case read twice (under two languages): its digest while both reads agree, its identity while both found it. */
function bothReads(before: SeenFile | undefined, now: SeenFile): SeenFile {
  if (!before) return now;
  if (before[2] !== now[2]) return [now[0], undefined, ''];
  return before[1] === now[1] ? now : [now[0], undefined, now[2]];
}

/**
 * Verifies one case file of a run, as a worker process or this thread does it: with a cache folder the published
 * case goes to the verified-case cache and comes back as its summary and facts (`published`), with `summaries` as
 * those alone, otherwise as its entry; an internal error in one file is that file's problem, never the run's.
 */
export async function verifyForRun(request: Omit<WorkerRequest, 'files'>, file: string, sources: SourceCache): Promise<WorkerResult> {
  const { root, tool, cacheDir, summaries, settledNs } = request;
  try {
    const v = await verifyCaseFile(root, file, { sources, tool, settledNs });
    if ((cacheDir || summaries) && v.entry && v.record) {
      const key = caseKey(v.record);
      const published = cacheDir ? publishCase(cacheDir, v.entry, key) : publishedCase(v.entry, key);
      return { file, entry: undefined, published, problems: v.problems.items, record: v.record, seen: v.seen };
    }
    return { file, entry: v.entry, problems: v.problems.items, record: v.record, seen: v.seen };
  } catch (error) {
    return { file, entry: undefined, problems: failedCase(error, file).own.items, record: undefined };
  }
}

/** A source cache that remembers which documents one case read, and what it got (the key is `path` or `path\0lang`). */
function recording(shared: SourceCache, used: Map<string, ReturnType<SourceCache['get']>>): SourceCache {
  return new Proxy(shared, {
    get(target, prop) {
      if (prop === 'get') {
        return (key: string) => {
          const value = target.get(key);
          used.set(key, value);
          return value;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Builds every `*.md` case in `casesDir` (relative to `root`, or absolute), collecting all problems of all cases.
 * With `previous` records, a case whose file, sources and tool are unchanged is kept (its warnings reported again)
 * instead of verified: editing one source document re-verifies only the cases that read it.
 */
export async function loadCases(root: string, casesDir = DEFAULT_CASES_DIR, options: LoadOptions = {}): Promise<LoadedCases> {
  const problems = new ProblemList();
  const sources: SourceCache = boundedSourceCache();
  const records = new Map<string, VerifiedRecord>();
  const dir = path.resolve(root, casesDir);
  const shownDir = path.relative(root, dir).split(path.sep).join('/') || '.';
  const names = await listCaseFiles(dir, shownDir, problems);
  if (!names) {
    problems.add('casesFolder', shownDir, { line: 1, column: 1 }, `Unexpected missing folder \`${shownDir}\`, expected a folder of case files`);
    return { cases: [], published: [], problems, files: [], kept: [], withheld: new Set(), records, workers: 0 };
  }
  if (names.length === 0) {
    problems.add('casesFolder', shownDir, { line: 1, column: 1 }, `Unexpected empty folder \`${shownDir}\`, expected at least one \`.md\` case file`);
  }
  // Paths in messages are relative to the root, with `/`, as editors and CI logs show them.
  const files = names.map((n) => path.relative(root, path.join(dir, n)).split(path.sep).join('/'));
  const tool = options.tool ?? '';
  // Where a kept case's images are looked for, each folder listed once for the run (site-images.ts).
  const publicFiles = new PublicFiles(root, siteBase(root));
  // Each case file's and source's digest, known without reading the file while it is the same file, unwritten since
  // the last run (file-digests.ts); computed once per run. The files verified now are learned from their verification,
  // so the run after a cold one reads none of a published case's files that had settled when they were read.
  const digests = options.tool ? new FileDigests(root, path.join(defaultIndexDir(root), FILE_DIGESTS), { settledNs: options.settledNs }) : undefined;
  const sourceDigests = new Map<string, string | undefined>();
  const currentDigest = (document: string) => {
    if (!sourceDigests.has(document)) sourceDigests.set(document, digests?.sha256(document));
    return sourceDigests.get(document);
  };
  // Each case collects its own problems (cases build in parallel), merged in file order afterwards.
  // A kept case carries what the checks between cases read of it (`linked`), from the loader's store.
  type Built = { entry: CaseEntry | undefined; published?: PublishedCase | undefined; own: ProblemList; kept?: string | undefined; linked?: TranslatedCase | undefined };
  const built = new Map<string, Built>();
  const toVerify: string[] = [];
  for (const file of files) {
    const id = path.basename(file, '.md');
    const before = options.previous?.get(id);
    const sha256 = before && digests?.sha256(file);
    const stored = before && options.keptEntry?.(id);
    if (before && sha256 && before.digest === caseDigest(tool, file, sha256) && (stored || !options.keptEntry)
      && Object.entries(before.sources).every(([doc, sha]) => currentDigest(doc) === sha) && publicFiles.allPresent(before.images)) {
      const own = new ProblemList();
      for (const p of before.problems) own.add(p.name, p.file, p.place, p.message, p.related, p.severity);
      records.set(id, before);
      // Named by the file as it is now (what a run verifying it would name), whatever path its summary was made with.
      const linked = stored ? { id, file, lang: stored.lang, ...(stored.translations ? { translations: stored.translations } : {}) } : undefined;
      built.set(file, { entry: undefined, own, kept: id, linked });
    } else {
      toVerify.push(file); // read when verified: an unreadable file is reported there, the others still checked
    }
  }
  // In file order (as listed): each worker takes a contiguous slice, and neighbouring cases often share sources.
  const workers = options.workers ?? workerCount();
  const request = { root, tool, cacheDir: options.cacheDir, summaries: options.summaries, settledNs: options.settledNs };
  let pooled: WorkerResult[] | undefined;
  if (workers > 1 && toVerify.length >= MIN_FILES_FOR_WORKERS) {
    // A worker that cannot start (an unusual bundling of this module) only means verifying in this thread.
    pooled = await verifyInWorkers(root, tool, toVerify, workers, request).catch(() => undefined);
  }
  const limit = pLimit(CASES_AT_ONCE);
  const results = pooled ?? await Promise.all(toVerify.map((file) => limit(() => verifyForRun(request, file, sources))));
  for (const r of results) {
    const own = new ProblemList();
    for (const p of r.problems) own.add(p.name, p.file, p.place, p.message, p.related, p.severity);
    if (r.record) records.set(path.basename(r.file, '.md'), r.record);
    for (const [file, identity, sha256] of r.seen ?? []) digests?.learn(file, identity, sha256);
    built.set(r.file, { entry: r.entry, published: r.published, own });
  }
  digests?.save();
  const ordered = files.map((f) => built.get(f)!);
  // Records in file order, whatever order the cases finished in.
  const sortedRecords = new Map<string, VerifiedRecord>();
  for (const file of files) {
    const id = path.basename(file, '.md');
    const record = records.get(id);
    if (record) sortedRecords.set(id, record);
  }
  for (const { own } of ordered) for (const p of own.items) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
  const entries = ordered.map((b) => b.entry).filter((c): c is CaseEntry => c !== undefined);
  const cached = ordered.map((b) => b.published).filter((c): c is PublishedCase => c !== undefined);
  // Between cases: `translations` must name cases in other languages that link back. A case failing it is not published.
  // Every case of the run is checked, verified now or kept, in file order: a rebuild reports what a run verifying every
  // case reports (a kept case linking to a case deleted or edited since), at the same places, and fails where it fails.
  const linked = ordered.map((b) => b.entry ?? b.published?.summary ?? b.linked).filter((c): c is TranslatedCase => c !== undefined);
  const byId = new Map(linked.map((c) => [c.id, c]));
  const failed = checkTranslations(new Set(files.map((f) => path.basename(f, '.md'))), linked, (id) => byId.get(id), problems);
  for (const file of failed) sortedRecords.delete(path.basename(file, '.md'));
  const cases = entries.filter((c) => !failed.has(c.file));
  const published = cached.filter((c) => !failed.has(c.summary.file));
  const kept = files.filter((f) => !failed.has(f)).map((f) => built.get(f)!.kept).filter((id): id is string => id !== undefined);
  return { cases, published, problems, files, kept, withheld: failed, records: sortedRecords, workers: pooled ? Math.min(workers, toVerify.length) : 0 };
}
