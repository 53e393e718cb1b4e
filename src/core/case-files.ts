import { readdir, readlink, realpath, stat } from 'node:fs/promises';
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
  /** The case files that are links, by name: kept unless they lead to a case file already listed. */
  const links = new Map<string, string>();
  const report = (relative: string, found: string, expected: string) => {
    const file = `${shownDir}/${relative}`;
    problems.add('notACaseFile', file, { line: 1, column: 1 }, `Unexpected ${found} \`${file}\`, ${expected}; it is not published`);
  };
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (isHidden(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // Follow links once: a link to a case file is a case file; a dangling link is reported.
    const kind = entry.isSymbolicLink()
      ? await stat(full).then((s) => (s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other'), (error: NodeJS.ErrnoException) => (error.code === 'ELOOP' ? 'loop' as const : 'dangling' as const))
      : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
    if (kind === 'file' && CASE_FILE.test(entry.name)) {
      if (entry.isSymbolicLink()) links.set(entry.name, full);
      else names.push(entry.name);
    } else if (kind === 'dangling') {
      report(entry.name, 'link to a missing file', 'expected a case file');
    } else if (kind === 'loop') {
      report(entry.name, 'link that leads back to itself', 'expected a case file');
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
  if (links.size > 0) {
    const { kept, twice } = await linksToNewFiles(dir, names, links);
    names.push(...kept);
    for (const [link, same] of twice) {
      const file = `${shownDir}/${link}`;
      problems.add('notACaseFile', file, { line: 1, column: 1 }, `Unexpected link \`${file}\`, which leads to the same file as \`${shownDir}/${same}\`, expected one file for each case: the same case would be published twice, under two addresses; it is not published`);
    }
  }
  return names.sort();
}

/**
 * The linked case files that lead to a file no other case file here is: a link to another case file of the folder (or
 * to the same file as another link) would publish that case twice, under two ids, and is reported instead.
 */
async function linksToNewFiles(dir: string, names: readonly string[], links: ReadonlyMap<string, string>): Promise<{ kept: string[]; twice: [link: string, same: string][] }> {
  const realDir = await realpath(dir).catch(() => dir);
  const byTarget = new Map(names.map((name) => [path.join(realDir, name), name]));
  const kept: string[] = [];
  const twice: [string, string][] = [];
  // A link to a link of the folder (`a.md` → `b.md` → elsewhere) is the one reported: the links that lead out first.
  const leadsOut = async (full: string) => {
    const target = path.resolve(dir, await readlink(full).catch(() => ''));
    return !(path.dirname(target) === path.resolve(dir) && links.has(path.basename(target)));
  };
  const withOut = await Promise.all([...links].map(async ([name, full]) => ({ name, full, out: await leadsOut(full) })));
  const ordered = [...withOut.filter((l) => l.out), ...withOut.filter((l) => !l.out)];
  for (const { name, full } of ordered) {
    const target = await realpath(full).catch(() => full);
    const same = byTarget.get(target);
    if (same !== undefined) {
      twice.push([name, same]);
      continue;
    }
    byTarget.set(target, name);
    kept.push(name);
  }
  return { kept, twice };
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
