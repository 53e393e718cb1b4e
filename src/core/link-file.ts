import { copyFileSync, linkSync, renameSync, rmSync, unlinkSync } from 'node:fs';

/**
 * Puts the file `from` at `to` (replacing what is there) as a hard link: no data copied, for files that are never
 * written again once made (kept build outputs, search bundles). Where links are refused (another file system), a
 * copy, made under a temporary name and renamed, so that `to` is never a partial file. Returns whether it linked.
 */
export function linkOrCopy(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      unlinkSync(to);
      return linkOrCopy(from, to);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
  }
  const temporary = `${to}.${process.pid}.tmp`;
  try {
    copyFileSync(from, temporary);
    renameSync(temporary, to);
  } finally {
    rmSync(temporary, { force: true });
  }
  return false;
}
