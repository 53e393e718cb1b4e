import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { buildCase, type SourceCache } from '../core/build-case.ts';
import { ProblemList } from '../core/problems.ts';
import { checkTranslations } from '../core/translations.ts';

/** Whether `<dir>/<id>.md` is a case file (a file, or a link to one), as the folder listing of a full check counts them. */
function isCaseFile(root: string, dir: string, id: string): boolean {
  if (id.startsWith('.') || id.includes('/')) return false;
  try {
    return statSync(path.resolve(root, dir, `${id}.md`)).isFile();
  } catch {
    return false;
  }
}

/** The linked case as a full check would know it: built, its own problems left to its own check; undefined when it has errors. */
async function buildLinked(root: string, file: string, sources: SourceCache): Promise<CaseEntry | undefined> {
  try {
    const markdown = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path.resolve(root, file)));
    return await buildCase({ root, file, markdown, problems: new ProblemList(), sources });
  } catch {
    return undefined;
  }
}

/**
 * `translations:` of the case files named on the command line, checked exactly as `tahqiq check` on every case
 * checks them (src/core/translations.ts): each id must be a case file of the same folder, in another language,
 * that lists this case back. Only the cases they link to are read, not the archive. Problems go to `problems`;
 * returns the files that failed (a full check does not publish them either).
 */
export async function checkNamedTranslations(root: string, built: readonly { file: string; entry: CaseEntry | undefined }[], problems: ProblemList): Promise<Set<string>> {
  const entries = built.map((b) => b.entry).filter((e): e is CaseEntry => e !== undefined);
  const linking = entries.filter((e) => e.translations?.length);
  if (linking.length === 0) return new Set();
  const named = new Map(built.map((b) => [b.file, b.entry]));
  const sources: SourceCache = new Map();
  const failed = new Set<string>();
  // By folder: a case's translations are case files of its own folder.
  for (const dir of new Set(linking.map((e) => path.posix.dirname(e.file)))) {
    const here = linking.filter((e) => path.posix.dirname(e.file) === dir);
    const ids = new Set(here.map((e) => e.id));
    const known = new Map<string, CaseEntry | undefined>(here.map((e) => [e.id, e]));
    for (const { id } of here.flatMap((e) => e.translations!)) {
      if (ids.has(id) || !isCaseFile(root, dir, id)) continue;
      ids.add(id);
      const file = `${dir}/${id}.md`;
      known.set(id, named.has(file) ? named.get(file) : await buildLinked(root, file, sources));
    }
    for (const file of checkTranslations(ids, here, (id) => known.get(id), problems)) failed.add(file);
  }
  return failed;
}
