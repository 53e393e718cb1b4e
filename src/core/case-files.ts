import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProblemList } from './problems.ts';

/** A case file is `<name>.md` (lowercase extension) directly in the cases folder. */
const CASE_FILE = /\.md$/;

/** Names nobody means as content: hidden files (`.gitkeep`, `.DS_Store`) and editor backups. */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~');
}

/**
 * Lists the case files of a folder, sorted, and reports every other entry, so nothing that
 * looks like content is skipped silently: `.mdx`/`.MD` files, files in subfolders, folders
 * named like a case file, links that point nowhere. `shownDir` is the folder as messages show it.
 * Returns undefined when the folder itself cannot be read.
 */
export async function listCaseFiles(dir: string, shownDir: string, problems: ProblemList): Promise<string[] | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const names: string[] = [];
  const report = (relative: string, found: string, expected: string) => {
    const file = `${shownDir}/${relative}`;
    problems.add('notACaseFile', file, { line: 1, column: 1 }, `Unexpected ${found} \`${file}\`, ${expected}; it is not published`);
  };
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (isHidden(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // Follow links once: a link to a case file is a case file; a dangling link is reported.
    const kind = entry.isSymbolicLink()
      ? await stat(full).then((s) => (s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other'), () => 'dangling' as const)
      : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
    if (kind === 'file' && CASE_FILE.test(entry.name)) {
      names.push(entry.name);
    } else if (kind === 'dangling') {
      report(entry.name, 'link to a missing file', 'expected a case file');
    } else if (kind === 'directory') {
      if (CASE_FILE.test(entry.name)) {
        report(entry.name, 'folder', 'expected a case file with this name, not a folder');
        continue;
      }
      for (const inner of await filesUnder(full)) {
        report(`${entry.name}/${inner}`, 'file in a subfolder', 'expected case files directly in the cases folder');
      }
    } else if (kind === 'file') {
      report(entry.name, 'file', /\.(md|mdx|markdown|mdown|mkd)$/i.test(entry.name)
        ? 'expected a case file ending in lowercase `.md`'
        : 'expected only `.md` case files in the cases folder');
    } else {
      report(entry.name, 'special file', 'expected a case file');
    }
  }
  return names;
}

/** Every visible file below `dir`, as `/`-separated paths relative to it (links are not followed). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.split('/').some(isHidden))
    .sort();
}
