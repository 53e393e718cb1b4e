import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanEnv } from './build.ts';
import { ROOT } from './seed.ts';

export const TAHQIQ = path.join(ROOT, 'src/cli/tahqiq.ts');

/** Runs the real `tahqiq` CLI (this Node, which strips types) in `cwd`. */
export function tahqiq(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [TAHQIQ, ...args], { cwd, env: { ...cleanEnv(), NO_COLOR: '1' }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs git in `cwd`; throws with git's message when it fails. */
export function git(cwd: string, args: string[], date?: string): string {
  const env = { ...cleanEnv(), GIT_AUTHOR_NAME: 'Test Editor', GIT_AUTHOR_EMAIL: 'editor@example.org', GIT_COMMITTER_NAME: 'Test Editor', GIT_COMMITTER_EMAIL: 'editor@example.org' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const run = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** A project folder (seeds/, content/cases/) in a fresh git repository. */
export class TestRepo {
  readonly root = mkdtempSync(path.join(tmpdir(), 'tahqiq-repo-'));

  constructor() {
    mkdirSync(path.join(this.root, 'seeds'));
    mkdirSync(path.join(this.root, 'content/cases'), { recursive: true });
    git(this.root, ['init', '-q', '-b', 'main']);
  }

  write(file: string, text: string): void {
    writeFileSync(path.join(this.root, file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  /** Replaces text in a file, failing loudly when the text is not there (a stale fixture). */
  edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    this.write(file, text.replace(from, to));
  }

  commit(subject: string, date: string): void {
    git(this.root, ['add', '-A']);
    git(this.root, ['commit', '-q', '-m', subject], date);
  }

  tahqiq(args: string[]): ReturnType<typeof tahqiq> {
    return tahqiq(this.root, args);
  }
}
