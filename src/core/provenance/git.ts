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
  /** Files (paths from `cwd`), the blob each now has (undefined when the commit deleted the file). */
  files: { path: string; blob: string | undefined }[];
}

const RECORD = '\u001e';
const FIELD = '\u001f';

/**
 * Every commit that touched `folder` (relative to `cwd`), in one `git log` pass, oldest first.
 * Paths are from `cwd` (`--relative`); renames are seen as a delete and an add. `--raw` gives each version's
 * blob id, so the contents are then read by id, never by `<commit>:<path>` (which walks a tree per file).
 */
export async function logFolder(cwd: string, folder: string): Promise<LogCommit[]> {
  const out = await git(cwd, ['-c', 'core.quotePath=false', 'log', '--no-renames', '--relative', '--raw', '--no-abbrev', `--format=${RECORD}%H${FIELD}%cI${FIELD}%s`, '--', folder]);
  const commits: LogCommit[] = [];
  for (const record of out.toString('utf8').split(RECORD)) {
    if (!record.trim()) continue;
    const [head = '', ...lines] = record.split('\n');
    const [commit = '', date = '', subject = ''] = head.split(FIELD);
    // `:100644 100644 <old blob> <new blob> M\tpath`
    const files = lines
      .map((line) => /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([AMDT])\t(.+)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ path: m[3]!, blob: m[2] === 'D' ? undefined : m[1]! }));
    commits.push({ commit, date, subject, files });
  }
  return commits.reverse();
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
