import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lockedSourceSchema, type SourcesLock } from '../../schemas/sources-lock.ts';
import { offsetToPoint } from '../messages.ts';
import type { ProblemList } from '../problems.ts';
import { fileIdentity, fileStats } from '../file-identity.ts';
import { defaultIndexDir, loadLockIndex, MIN_INDEXED_BYTES, saveLockIndex, type LockIndex } from './lock-index.ts';

/** Where the lock lives, relative to the project root (kept in git). */
export const DEFAULT_LOCK_FILE = 'content/sources.lock.json';

export function emptyLock(): SourcesLock {
  return { version: 1, cases: {} };
}

/**
 * Reads the lock. A missing file is an empty lock (every case then reports TQ604); an unreadable one is TQ605 at
 * its line:column, and treated as empty so the rest of the check runs. Only the entries of the cases in `only`
 * (all when omitted) are validated: checking one case of a 4,000-case archive does not validate the other 3,999.
 * An invalid entry is reported (TQ605) and left out.
 */
export async function readLock(root: string, lockFile: string, problems: ProblemList, only?: Iterable<string>): Promise<{ lock: SourcesLock; exists: boolean; valid: boolean; shaped: boolean }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(root, lockFile));
  } catch {
    return { lock: emptyLock(), exists: false, valid: true, shaped: true };
  }
  return parseLock(shownLock(root, lockFile), bytes.toString('utf8'), problems, only);
}

/**
 * The entries of `files` only, as `readLock(root, lockFile, problems, files)` reports them (same problems, same
 * `exists` and `valid`), for a check that will not write the lock: the returned lock holds no other case. In a large
 * lock (MIN_INDEXED_BYTES or more) the entries are read from their byte ranges (see lock-index.ts) when the file is
 * unchanged since it was last read whole and found valid; otherwise it is read whole, and indexed for next time.
 */
export async function readLockEntries(root: string, lockFile: string, problems: ProblemList, files: Iterable<string>, options: { indexDir?: string; minBytes?: number } = {}): Promise<{ lock: SourcesLock; exists: boolean; valid: boolean }> {
  const wanted = [...new Set(files)];
  const full = path.resolve(root, lockFile);
  const stats = fileStats(full);
  if (!stats || stats.size < BigInt(options.minBytes ?? MIN_INDEXED_BYTES)) {
    const { shaped: _shaped, ...read } = await readLock(root, lockFile, problems, wanted);
    return read;
  }
  const dir = options.indexDir ?? defaultIndexDir(root);
  const key = fileIdentity(stats);
  const index = loadLockIndex(dir, full, key);
  if (index) {
    const fromIndex = await readIndexed(full, key, index, wanted);
    if (fromIndex) return { lock: fromIndex, exists: true, valid: true };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch {
    return { lock: emptyLock(), exists: false, valid: true };
  }
  const { shaped, ...read } = parseLock(shownLock(root, lockFile), bytes.toString('utf8'), problems, wanted);
  if (shaped && fileIdentity(fileStats(full) ?? stats) === key) saveLockIndex(dir, full, key, bytes);
  return { ...read, lock: { version: 1, cases: Object.fromEntries(wanted.filter((f) => read.lock.cases[f]).map((f) => [f, read.lock.cases[f]!])) } };
}

/** The entries of `files` read at their indexed ranges; undefined (read the lock whole) if the file changed meanwhile or an entry is invalid (its problem is reported from the whole text). */
async function readIndexed(full: string, key: string, index: LockIndex, files: readonly string[]): Promise<SourcesLock | undefined> {
  const lock: SourcesLock = { version: 1, cases: {} };
  let handle;
  try {
    handle = await open(full, 'r');
    for (const file of files) {
      if (!Object.hasOwn(index.entries, file)) continue;
      const [start, end] = index.entries[file]!;
      const bytes = Buffer.alloc(end - start);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
      if (bytesRead !== bytes.length) return undefined;
      const entry = parseEntry(JSON.parse(bytes.toString('utf8')) as unknown);
      if (!entry.ok) return undefined;
      lock.cases[file] = entry.entry;
    }
    if (fileIdentity(await handle.stat({ bigint: true })) !== key) return undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
  return lock;
}

const shownLock = (root: string, lockFile: string) => path.relative(root, path.resolve(root, lockFile)).split(path.sep).join('/');

type ParsedEntry = { ok: true; entry: SourcesLock['cases'][string] } | { ok: false; where?: string; why: string };

/** One case's entry, validated: `{ "sources": { <document>: { sha256, claims } } }`. */
function parseEntry(value: unknown): ParsedEntry {
  const entry = value as { sources?: unknown } | null;
  const sources = entry && typeof entry === 'object' && entry.sources && typeof entry.sources === 'object' ? (entry.sources as Record<string, unknown>) : undefined;
  if (!sources || Object.keys(entry!).length !== 1) return { ok: false, why: ', expected `{ "sources": { … } }`' };
  const parsed = Object.entries(sources).map(([doc, v]) => [doc, lockedSourceSchema.safeParse(v)] as const);
  for (const [doc, r] of parsed) {
    if (!r.success) return { ok: false, where: doc, why: `: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}` };
  }
  return { ok: true, entry: { sources: Object.fromEntries(parsed.map(([doc, r]) => [doc, r.data!])) } };
}

/** The lock in `text` (see readLock); `shaped` when its JSON parsed and its top level is `{ "version": 1, "cases": { … } }`. */
function parseLock(shown: string, text: string, problems: ProblemList, only?: Iterable<string>): { lock: SourcesLock; exists: boolean; valid: boolean; shaped: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const place = at ? offsetToPoint(text, Number(at[1]), { line: 1, column: 1 }) : { line: 1, column: 1 };
    problems.add('lockInvalid', shown, place, `Unexpected JSON in \`${shown}\`: ${message.replace(/ in JSON at position.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`);
    return { lock: emptyLock(), exists: true, valid: false, shaped: false };
  }
  const top = data as { version?: unknown; cases?: unknown };
  if (typeof data !== 'object' || data === null || Array.isArray(data) || top.version !== 1 || typeof top.cases !== 'object' || top.cases === null || Array.isArray(top.cases)) {
    problems.add('lockInvalid', shown, { line: 1, column: 1 }, `Unexpected content in \`${shown}\`, expected \`{ "version": 1, "cases": { … } }\``);
    return { lock: emptyLock(), exists: true, valid: false, shaped: false };
  }
  const raw = top.cases as Record<string, unknown>;
  const lock: SourcesLock = { version: 1, cases: {} };
  let valid = true;
  const wanted = only ? new Set(only) : undefined;
  for (const file of Object.keys(raw)) {
    if (wanted && !wanted.has(file)) {
      // Not checked in this run: carried through unread, so `--accept` on one case writes the others back as they were.
      lock.cases[file] = raw[file] as SourcesLock['cases'][string];
      continue;
    }
    const entry = parseEntry(raw[file]);
    if (!entry.ok) {
      valid = false;
      const where = entry.where ? `${file} → ${entry.where}` : file;
      problems.add('lockInvalid', shown, offsetToPoint(text, Math.max(0, text.indexOf(JSON.stringify(file))), { line: 1, column: 1 }), `Unexpected entry for \`${where}\` in \`${shown}\`${entry.why}`);
      continue;
    }
    lock.cases[file] = entry.entry;
  }
  return { lock, exists: true, valid, shaped: true };
}

/** The lock as written to disk: cases and sources sorted by path (claims keep case order), two-space JSON, final newline. */
export function serializeLock(lock: SourcesLock): string {
  const cases = Object.fromEntries(
    Object.keys(lock.cases).sort().map((file) => {
      const sources = lock.cases[file]!.sources;
      return [file, { sources: Object.fromEntries(Object.keys(sources).sort().map((doc) => [doc, sources[doc]!])) }];
    }),
  );
  return `${JSON.stringify({ version: 1, cases }, null, 2)}\n`;
}

/** Writes the lock; a large one is indexed at once (lock-index.ts), so the next `check <one file>` reads only its entry. */
export async function writeLock(root: string, lockFile: string, lock: SourcesLock, options: { indexDir?: string; minBytes?: number } = {}): Promise<void> {
  const full = path.resolve(root, lockFile);
  const bytes = Buffer.from(serializeLock(lock));
  await writeFile(full, bytes);
  const stats = bytes.length >= (options.minBytes ?? MIN_INDEXED_BYTES) ? fileStats(full) : undefined;
  if (stats) saveLockIndex(options.indexDir ?? defaultIndexDir(root), full, fileIdentity(stats), bytes);
}
