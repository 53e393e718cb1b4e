import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { readFile } from 'node:fs/promises';

/**
 * A file's identity: device, inode, size, and modification and change times in nanoseconds. The same identity means
 * the same file, unwritten since (any write moves the change time, which no tool can set back).
 */
export function fileIdentity(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** A file's stats, with times in nanoseconds; undefined when it cannot be read. */
export function fileStats(file: string): BigIntStats | undefined {
  try {
    return statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/**
 * A file changed this recently (ctime) is not identified by a read: its time stamps may not move for a write that
 * follows within the file system's clock tick (git's "racy" files).
 */
export const SETTLED_NS = 2_000_000_000n;

/**
 * A file's bytes, and its identity when a digest of these bytes may be remembered under it: the file was the same,
 * unwritten, before and after the read, and had last changed at least `settledNs` before it (else undefined).
 */
export interface IdentifiedBytes {
  bytes: Buffer;
  identity: string | undefined;
}

/** Reads a file (throwing as readFile does) with its identity (IdentifiedBytes). */
export async function readIdentified(file: string, settledNs = SETTLED_NS): Promise<IdentifiedBytes> {
  const before = fileStats(file);
  const bytes = await readFile(file);
  return { bytes, identity: identityAround(file, before, settledNs) };
}

/** readIdentified, synchronously. */
export function readIdentifiedSync(file: string, settledNs = SETTLED_NS): IdentifiedBytes {
  const before = fileStats(file);
  const bytes = readFileSync(file);
  return { bytes, identity: identityAround(file, before, settledNs) };
}

/** The identity of a file read after `before` was taken, when unchanged and settled since. */
function identityAround(file: string, before: BigIntStats | undefined, settledNs: bigint): string | undefined {
  if (!before) return undefined;
  const identity = fileIdentity(before);
  const after = fileStats(file);
  const now = BigInt(Date.now()) * 1_000_000n;
  return after && fileIdentity(after) === identity && now - before.ctimeNs >= settledNs ? identity : undefined;
}
