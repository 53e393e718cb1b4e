import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseHistory } from '../../schemas/history.ts';
import { coreDigest } from '../case-digest.ts';
import { caseHistory, type CaseVersion } from './claim-history.ts';
import { claimVersions } from './claim-versions.ts';
import { git, logFolder, readBlobs } from './git.ts';

/** The verdict history of every case file, read from git at build time. */
export interface Histories {
  /** `full`; `partial` in a shallow clone; `none` outside git or before the first commit. */
  state: 'full' | 'partial' | 'none';
  /** Why there is no or only partial history, for the build log. */
  notice?: string;
  /** By case file path from the project root. */
  byFile: Map<string, CaseHistory>;
  /** HEAD commit the histories were read at. */
  head?: string;
  /** True when the histories came from the cache (nothing committed since the last build). */
  cached: boolean;
}

const CACHE_VERSION = 4;

/** The digest of the core's code (coreDigest), by project root, once per process. */
const codeDigests = new Map<string, string>();
function codeDigest(root: string): string {
  let code = codeDigests.get(root);
  if (code === undefined) codeDigests.set(root, (code = coreDigest(root)));
  return code;
}

interface CacheFile {
  version: number;
  head: string;
  folder: string;
  shallow: boolean;
  /** A shallow clone's boundary commits (git's `shallow` file): `git fetch --deepen` moves it, HEAD staying. */
  boundary: string;
  /** The digest of the code that read the histories (coreDigest): another version of tahqiq may read them otherwise. */
  code: string;
  histories: Record<string, CaseHistory>;
}

/**
 * Reads the history of every case in `casesDir` with four git processes whatever the archive's size: one `git
 * rev-parse`, two `git log --raw` over the folder side by side (logFolder), then every committed version of every case, as each commit
 * and its parents had it, through one `git cat-file --batch`.
 * Cached under `cacheDir` by HEAD commit (with a shallow clone's boundary, and the digest of the code that reads
 * them), so a build with nothing committed or fetched since the last one reuses it. Never throws: outside git there
 * is simply no history, with a notice saying so.
 */
export async function readHistories(options: { root: string; casesDir: string; cacheDir?: string }): Promise<Histories> {
  const { root } = options;
  // Git runs in the cases folder itself: it may be its own repository (a newsroom's content repo) or part of the project's.
  const casesAbs = path.resolve(root, options.casesDir);
  const folder = path.relative(root, casesAbs).split(path.sep).join('/') || '.';
  const fromRoot = (p: string) => path.relative(root, path.join(casesAbs, p)).split(path.sep).join('/');
  if (!existsSync(casesAbs)) return { state: 'none', byFile: new Map(), cached: false };
  let head: string;
  let shallow: boolean;
  let boundary = '';
  let prefix = '';
  try {
    // The prefix (the cases folder's place in the repository) is empty at its top: a line of its own, never the last.
    const [inside = '', isShallow = '', shallowFile = '', folderPrefix = '', sha = ''] = (await git(casesAbs, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--git-path', 'shallow', '--show-prefix', 'HEAD'])).toString('utf8').trim().split('\n');
    if (inside !== 'true' || !/^[0-9a-f]{40,64}$/.test(sha)) throw new Error('no commit');
    head = sha;
    prefix = folderPrefix;
    shallow = isShallow === 'true';
    if (shallow) boundary = await readFile(path.resolve(casesAbs, shallowFile), 'utf8').catch(() => '');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /not a git repository/i.test(message) ? 'not a git repository' : /ENOENT/.test(message) ? 'git is not installed' : 'no commits yet';
    return { state: 'none', notice: `tahqiq: ${reason}: case pages have no "updates and corrections" section (verdict history comes from git)`, byFile: new Map(), cached: false };
  }
  const partialNotice = shallow
    ? 'tahqiq: shallow clone: verdict history is partial (commits before the clone depth are missing; CI can fetch them with `git fetch --unshallow` or `fetch-depth: 0`)'
    : undefined;
  const cacheFile = path.join(options.cacheDir ?? path.join(root, 'node_modules/.cache/tahqiq'), 'history.json');
  const code = codeDigest(root);
  try {
    const cache = JSON.parse(await readFile(cacheFile, 'utf8')) as CacheFile;
    if (cache.version === CACHE_VERSION && cache.head === head && cache.folder === folder && cache.shallow === shallow && cache.boundary === boundary && cache.code === code) {
      const result: Histories = { state: shallow ? 'partial' : 'full', byFile: new Map(Object.entries(cache.histories)), head, cached: true };
      if (partialNotice) result.notice = partialNotice;
      return result;
    }
  } catch {
    // No cache yet, or an unreadable one: read from git.
  }

  let commits;
  try {
    commits = await logFolder(casesAbs, '.', prefix);
  } catch (error) {
    return { state: 'none', notice: `tahqiq: git log failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): no verdict history`, byFile: new Map(), cached: false };
  }
  const blobs = [...new Set(commits.flatMap((c) => c.files.filter((f) => f.path.endsWith('.md')).flatMap((f) => [f.blob, ...f.parentBlobs]).filter((b) => b !== undefined)))];
  const texts = await readBlobs(casesAbs, blobs);
  const textOf = new Map(blobs.map((b, i) => [b, texts[i]]));
  // One reading of each blob, shared by the versions that have it and those that have it as a parent's.
  const claimsOf = new Map<string, CaseVersion['claims']>();
  const claimsIn = (blob: string | undefined) => {
    if (blob === undefined) return undefined;
    if (!claimsOf.has(blob)) {
      const text = textOf.get(blob);
      claimsOf.set(blob, text === undefined ? undefined : claimVersions(text));
    }
    return claimsOf.get(blob);
  };
  const versionsByFile = new Map<string, CaseVersion[]>();
  for (const c of commits) {
    for (const f of c.files) {
      if (!f.path.endsWith('.md')) continue;
      const file = fromRoot(f.path);
      const list = versionsByFile.get(file) ?? [];
      list.push({ commit: c.commit, date: c.date, subject: c.subject, merge: c.merge, published: c.published, ...(c.brings ? { brings: c.brings } : {}), claims: claimsIn(f.blob), parents: f.parentBlobs.map(claimsIn) });
      versionsByFile.set(file, list);
    }
  }
  const byFile = new Map<string, CaseHistory>();
  for (const [file, versions] of versionsByFile) {
    const history = caseHistory(versions, shallow);
    if (history) byFile.set(file, history);
  }
  try {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    const cache: CacheFile = { version: CACHE_VERSION, head, folder, shallow, boundary, code, histories: Object.fromEntries(byFile) };
    await writeFile(cacheFile, JSON.stringify(cache));
  } catch {
    // A read-only checkout still builds; it just reads git again next time.
  }
  const result: Histories = { state: shallow ? 'partial' : 'full', byFile, head, cached: false };
  if (partialNotice) result.notice = partialNotice;
  return result;
}
