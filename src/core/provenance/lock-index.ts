import { createHash } from 'node:crypto';
import path from 'node:path';
import { readJsonStore, writeJsonStore } from '../json-store.ts';

/**
 * Where each case's entry is in the bytes of a source lock, so `tahqiq check <one file>` in an archive of thousands
 * of cases reads its own entry (a few kB) instead of decoding and parsing the whole lock (tens of MB). The index is
 * kept in the project's cache, keyed by the lock file's identity and change times (device, inode, size, mtime and
 * ctime in nanoseconds): any write to the lock, by an editor, git or `--accept`, makes it stale. It is only written
 * for a lock whose JSON parsed and whose top level is `{ "version": 1, "cases": { … } }`, so a hit means the whole
 * file was valid when indexed and is byte-for-byte the same now.
 */

/** Byte range of one case's entry value (`{ "sources": … }`) in the lock. */
export type EntryRange = [start: number, end: number];

export interface LockIndex {
  key: string;
  entries: Record<string, EntryRange>;
}

/** Locks smaller than this are read whole: parsing them costs less than keeping an index. */
export const MIN_INDEXED_BYTES = 256 * 1024;

/** The folder of the index, under the project root (beside the other caches of tahqiq). */
export const defaultIndexDir = (root: string) => path.join(root, 'node_modules/.cache/tahqiq');

function indexFile(dir: string, lockPath: string): string {
  return path.join(dir, `lock-index-${createHash('sha256').update(lockPath).digest('hex').slice(0, 16)}.json`);
}

/** The stored index of `lockPath` when it was made for the file as it is now (`key`); undefined otherwise. */
export function loadLockIndex(dir: string, lockPath: string, key: string): LockIndex | undefined {
  const index = readJsonStore(indexFile(dir, lockPath)) as LockIndex | undefined;
  return index?.key === key && typeof index.entries === 'object' && index.entries !== null ? index : undefined;
}

/** Indexes `bytes` (the lock as read, already known to be valid JSON) and stores it under `key`. Never throws: a cache that cannot be written only means a slower next run. */
export function saveLockIndex(dir: string, lockPath: string, key: string, bytes: Uint8Array): void {
  const entries = indexLockEntries(bytes);
  if (!entries) return;
  writeJsonStore(indexFile(dir, lockPath), { key, entries } satisfies LockIndex);
}


const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
    i++;
  }
  return i;
}

/** Offset just after the JSON string that starts at `start` (its opening quote); -1 if unterminated. */
function stringEnd(bytes: Uint8Array, start: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = start + 1; ;) {
    const quote = buffer.indexOf(QUOTE, i);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** Offset just after the JSON value at `i` (no leading space); -1 if malformed. */
function valueEnd(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return stringEnd(bytes, i);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    // A number, `true`, `false` or `null`: up to the next delimiter.
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      i = stringEnd(bytes, i);
      if (i === -1) return -1;
      continue;
    }
    if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
    else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** Calls `each(key, valueStart)` for every member of the object at `i`; returns the offset after it, -1 if malformed. `each` returns where the value ends. */
function members(bytes: Uint8Array, i: number, each: (key: string, start: number) => number): number {
  if (bytes[i] !== OPEN_OBJECT) return -1;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_OBJECT) return i + 1;
  for (;;) {
    if (bytes[i] !== QUOTE) return -1;
    const keyEnd = stringEnd(bytes, i);
    if (keyEnd === -1) return -1;
    const key = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + i, keyEnd - i).toString('utf8')) as string;
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return -1;
    i = skipSpace(bytes, i + 1);
    i = each(key, i);
    if (i === -1) return -1;
    i = skipSpace(bytes, i);
    if (bytes[i] === COMMA) {
      i = skipSpace(bytes, i + 1);
      continue;
    }
    return bytes[i] === CLOSE_OBJECT ? i + 1 : -1;
  }
}

/**
 * Byte ranges of the members of the top-level `cases` object of a lock (valid JSON, any layout). A key written twice
 * counts as JSON.parse counts it: the last one. Undefined when the top level is not an object with a `cases` object.
 */
export function indexLockEntries(bytes: Uint8Array): Record<string, EntryRange> | undefined {
  let entries: Record<string, EntryRange> | undefined;
  const end = members(bytes, skipSpace(bytes, 0), (key, start) => {
    if (key !== 'cases') return valueEnd(bytes, start);
    if (bytes[start] !== OPEN_OBJECT) {
      entries = undefined;
      return valueEnd(bytes, start);
    }
    const found: Record<string, EntryRange> = Object.create(null) as Record<string, EntryRange>;
    entries = found;
    return members(bytes, start, (file, at) => {
      const after = valueEnd(bytes, at);
      found[file] = [at, after];
      return after;
    });
  });
  return end === -1 ? undefined : entries;
}
