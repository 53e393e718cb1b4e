import { copyFileSync, linkSync, rmSync } from 'node:fs';
import { replaceFileBy } from './replace-file.ts';

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
      // A file, or a folder where the file belongs (left by a damaged cache restore): `to` is the tool's to replace.
      rmSync(to, { recursive: true, force: true });
      return linkOrCopy(from, to);
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
  }
  replaceFileBy(to, (temporary) => copyFileSync(from, temporary));
  return false;
}
