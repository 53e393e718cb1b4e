import { statSync, type BigIntStats } from 'node:fs';

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
