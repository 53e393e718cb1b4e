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
  const started = nowNs();
  const before = fileStats(file);
  const bytes = await readFile(file);
  return { bytes, identity: identityAround(file, before, started, settledNs) };
}

/** readIdentified, synchronously. */
export function readIdentifiedSync(file: string, settledNs = SETTLED_NS): IdentifiedBytes {
  const started = nowNs();
  const before = fileStats(file);
  const bytes = readFileSync(file);
  return { bytes, identity: identityAround(file, before, started, settledNs) };
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

/**
 * The identity of a file read after `before` was taken, when unchanged since, and settled when the read started (not
 * when it ended: a read that waits for seconds must not make a file written just before it count as settled).
 */
function identityAround(file: string, before: BigIntStats | undefined, started: bigint, settledNs: bigint): string | undefined {
  if (!before) return undefined;
  const identity = fileIdentity(before);
  const after = fileStats(file);
  return after && fileIdentity(after) === identity && started - before.ctimeNs >= settledNs ? identity : undefined;
}
