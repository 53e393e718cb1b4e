import { spawn } from 'node:child_process';

/** Runs the git binary in `cwd`; resolves with stdout as bytes, or rejects with git's stderr. Optional stdin. */
export function git(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject); // e.g. git not installed
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(Buffer.concat(err).toString('utf8').trim() || `git ${args[0]} exited with ${code}`));
    });
    child.stdin.on('error', () => {}); // git may exit before reading all of stdin; the exit code tells
    child.stdin.end(input ?? '');
  });
}

/** One commit that touched case files, oldest first once reversed. */
export interface LogCommit {
  commit: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
  subject: string;
  /** True for a merge (more than one parent). */
  merge: boolean;
  /**
   * True for a commit of HEAD's first-parent line that changed the folder from its first parent: a version readers
   * were shown. The others are commits of other lines of work (a branch before its merge).
   */
  published: boolean;
  /** For a published merge: the commits of other lines of work it brings (reachable from its other parents, not its first). */
  brings?: Set<string>;
  /** Parents, rewritten to the nearest commits listed (`--parents`: git's parent rewriting). */
  parents: string[];
  /**
   * Files (paths from `cwd`): the blob each now has (undefined when the commit deleted it) and the blob it had in its
   * parents (undefined where it was absent). A published commit is compared with its first parent alone (one parent
   * blob); another merge lists only the files that differ from every parent, with the blob of each.
   */
  files: { path: string; blob: string | undefined; parentBlobs: (string | undefined)[] }[];
}

const RECORD = '\u001e';
const FIELD = '\u001f';
/**
 * A `--raw` line: `:100644 100644 <parent blob> <blob> M\tpath`, or for a merge (`-c`) one colon, mode, blob and
 * status letter per parent: `::100644 100644 100644 <blob 1> <blob 2> <blob> MM\tpath`.
 */
const RAW_LINE = /^(:+)(?:\d{6} )+((?:[0-9a-f]+ )+)([A-Z]+)\t(.+)$/;
const ABSENT = /^0+$/;

/**
 * Every commit that touched `folder` (relative to `cwd`), oldest first, each file with its blob in the commit and in
 * its parents, read by two `git log` passes side by side:
 * - HEAD's first-parent line (`--first-parent`, merges compared with their first parent): what readers were shown,
 *   version after version. A merge that took the other side's version of a claim (`git checkout --theirs`) is one of
 *   them: it changed what was published.
 * - every commit, with `--full-history` (git's default simplification follows a merge's parent that has the folder
 *   as the merge left it, and drops the other line: a merge taking the branch's side would hide main's own commits),
 *   merges with `-c` (only the files a merge made differ from all its parents), parents rewritten to the commits
 *   listed (`--parents`). Those off the first-parent line are the commits of other lines of work: a merge that
 *   publishes their change is listed under them, when it brings them (markWhatMergesBring).
 * Paths are from `cwd`; renames are seen as a delete and an add. (Git prints them from the repository's top, and
 * they are made relative here by taking off `prefix`, `cwd`'s place in the repository (`git rev-parse
 * --show-prefix`): `--relative` leaves a merge's paths from the top.) `--raw` gives each version's blob id, so the
 * contents are then read by id, never by `<commit>:<path>` (which walks a tree per file).
 */
export async function logFolder(cwd: string, folder: string, prefix: string): Promise<LogCommit[]> {
  const log = (...options: string[]) =>
    git(cwd, ['-c', 'core.quotePath=false', 'log', ...options, '--no-renames', '--raw', '--no-abbrev', `--format=${RECORD}%H${FIELD}%P${FIELD}%cI${FIELD}%s`, '--', folder]);
  const [published, all] = await Promise.all([log('--first-parent', '--diff-merges=first-parent'), log('--full-history', '--parents', '--date-order', '-c')]);
  const firstParentLine = new Map(parseLog(published, prefix).map((c) => [c.commit, c]));
  const commits = parseLog(all, prefix).map((c) => {
    const shown = firstParentLine.get(c.commit);
    return shown ? { ...c, published: true, files: shown.files } : c;
  });
  markWhatMergesBring(commits);
  return commits.reverse();
}

/**
 * Sets `brings` on each published merge of `commits` (newest first, parents rewritten): the commits its other parents
 * reach that its first parent does not. Read along the first-parent line, oldest first, with what the line reaches so
 * far: each commit is walked once in all, whatever the number of merges.
 */
function markWhatMergesBring(commits: LogCommit[]): void {
  const parentsOf = new Map(commits.map((c) => [c.commit, c.parents]));
  const reached = new Set<string>();
  const walk = (from: readonly string[]): string[] => {
    const found: string[] = [];
    const todo = [...from];
    while (todo.length > 0) {
      const commit = todo.pop()!;
      if (reached.has(commit)) continue;
      reached.add(commit);
      found.push(commit);
      todo.push(...(parentsOf.get(commit) ?? []));
    }
    return found;
  };
  for (const c of commits.toReversed()) {
    if (!c.published) continue;
    const [first, ...others] = c.parents;
    walk(first === undefined ? [] : [first]);
    reached.add(c.commit);
    if (c.merge) c.brings = new Set(walk(others));
  }
}

/** The commits of one `git log` pass, newest first, none published yet. */
function parseLog(out: Buffer, prefix: string): LogCommit[] {
  const commits: LogCommit[] = [];
  for (const record of out.toString('utf8').split(RECORD)) {
    if (!record.trim()) continue;
    const [head = '', ...lines] = record.split('\n');
    const [commit = '', parents = '', date = '', subject = ''] = head.split(FIELD);
    const files: LogCommit['files'] = [];
    for (const line of lines) {
      const m = RAW_LINE.exec(line);
      if (!m) continue;
      const blobs = m[2]!.trim().split(' ').map((b) => (ABSENT.test(b) ? undefined : b));
      const blob = blobs.pop();
      const file = m[4]!;
      if (file.startsWith(prefix)) files.push({ path: file.slice(prefix.length), blob, parentBlobs: blobs });
    }
    const parentList = parents.trim().split(' ').filter(Boolean);
    commits.push({ commit, date, subject, merge: parentList.length > 1, published: false, parents: parentList, files });
  }
  return commits;
}

/**
 * Reads many blobs by id through one `git cat-file --batch` process. Missing objects come back undefined.
 */
export async function readBlobs(cwd: string, specs: readonly string[]): Promise<(string | undefined)[]> {
  if (specs.length === 0) return [];
  const out = await git(cwd, ['cat-file', '--batch'], `${specs.join('\n')}\n`);
  const results: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      results.push(undefined); // `<spec> missing` or `ambiguous`
      continue;
    }
    const size = Number(m[2]);
    results.push(m[1] === 'blob' ? out.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  return results;
}
