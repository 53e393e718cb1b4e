import { readFileSync, statSync, type BigIntStats } from 'node:fs';

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
 * What a read found out about its file: its identity when the file was the same, unwritten, before and after the read
 * (else undefined), and how long before the read started it had last changed. A digest of the bytes read may be
 * remembered under that identity once the file had settled (settledIdentity).
 */
export interface FileRead {
  identity: string | undefined;
  settledForNs: bigint;
}

/** A file's bytes, with what the read found out about the file. */
export interface IdentifiedBytes extends FileRead {
  bytes: Buffer;
}

/**
 * Reads a file (throwing as readFileSync does) with its identity (IdentifiedBytes). Synchronously: verification reads
 * a case file and its sources of a few KB each, and `fs/promises` took about 0.4 ms of waiting and 0.3 ms of this
 * thread's time for what a synchronous read does in 0.03–0.05 ms.
 */
export function readIdentified(file: string): IdentifiedBytes {
  const started = nowNs();
  const before = fileStats(file);
  const bytes = readFileSync(file);
  return { bytes, ...readAround(file, before, started) };
}

/**
 * The identity a digest of the bytes read may be remembered under: the file's, when it did not change during the read
 * and had settled when the read started (not when it ended: a read that waits for seconds must not make a file
 * written just before it count as settled). `settledNs` 0 (tests) counts every file as settled: the read's start is
 * taken from a clock with millisecond steps, so a file written in the same millisecond seems changed after it.
 */
export function settledIdentity(read: FileRead, settledNs = SETTLED_NS): string | undefined {
  return settledNs <= 0n || read.settledForNs >= settledNs ? read.identity : undefined;
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

function readAround(file: string, before: BigIntStats | undefined, started: bigint): FileRead {
  if (!before) return { identity: undefined, settledForNs: 0n };
  const identity = fileIdentity(before);
  const after = fileStats(file);
  return { identity: after && fileIdentity(after) === identity ? identity : undefined, settledForNs: started - before.ctimeNs };
}
