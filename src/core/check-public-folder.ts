import { readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ProblemList } from './problems.ts';
import { PUBLIC_DIR } from './site-images.ts';

/**
 * Reports each symbolic link under `public/` that leads to nothing (TQ513): a file moved or renamed, a target outside
 * this clone, a loop. Vite copies the folder into the output and stops on such a link with a stack trace; found here,
 * before the build starts, it is one line per link with the fix.
 */
export function checkPublicFolder(root: string, problems: ProblemList): void {
  // Folders only, not links to folders: a link is checked once, where it is, and a link back up is no endless walk.
  const folders = [path.join(root, PUBLIC_DIR)];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // No public/ folder: nothing is copied.
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const at = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(at);
      else if (entry.isSymbolicLink()) reportIfBroken(root, at, problems);
    }
  }
}

function reportIfBroken(root: string, link: string, problems: ProblemList): void {
  let cause: string;
  try {
    statSync(link);
    return;
  } catch (error) {
    cause = (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a loop of links' : 'nothing there';
  }
  let target = '';
  try {
    target = readlinkSync(link);
  } catch {
    // Gone meanwhile: reported all the same.
  }
  const file = path.relative(root, link).split(path.sep).join('/');
  problems.add('publicBrokenLink', file, { line: 1, column: 1 }, `Unexpected link \`${file}\` to \`${target}\`: ${cause}, expected a file or a folder (every file under \`public/\` is published as it is)`);
}
