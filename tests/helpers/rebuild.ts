import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyProject } from '../../bench/synthetic.ts';
import { buildEnv } from './build.ts';
import { ROOT } from './seed.ts';

/** A copy of the project with its own caches (node_modules/.astro), so no other test's build shares them. */
export function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-rebuild-'));
  copyProject(ROOT, dir);
  cpSync(path.join(ROOT, 'content/cases'), path.join(dir, 'content/cases'), { recursive: true });
  cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return dir;
}

/** `npm run build` in a project, into its own dist/ (what a newsroom's CI does, build after build), or with `args` for `astro build`: its exit status and log. */
export function tryBuild(dir: string, env: Record<string, string> = {}, args: string[] = []): { status: number | null; log: string } {
  const run = spawnSync('npm', ['run', '--silent', 'build', ...(args.length ? ['--', ...args] : [])], { cwd: dir, env: buildEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, log: `${run.stdout}\n${run.stderr}` };
}

/** tryBuild, for a build that must succeed: its log. */
export function build(dir: string, env: Record<string, string> = {}, args: string[] = []): string {
  const { status, log } = tryBuild(dir, env, args);
  if (status !== 0) throw new Error(`build failed:\n${log}`);
  return log;
}

/** The direct-outputs integration's line in a build log: the files that are not pages written, and those kept from the last build (left in place or linked). */
export function directOutputs(log: string): { written: number; kept: number; kinds: string } {
  const line = /(\d+) outputs? written \(([^)]*)\), (\d+) unchanged kept from the last build/.exec(log);
  if (!line) throw new Error(`no direct-outputs line in the build log:\n${log}`);
  return { written: Number(line[1]), kinds: line[2]!, kept: Number(line[3]) };
}

/** Where a project keeps the last build's files that are not pages (src/integrations/kept-outputs.ts). */
export const keptDir = (project: string) => path.join(project, 'node_modules/.astro/tahqiq-direct-outputs');

/** The kept copies of the files that are not pages, by path under dist/: the copy's name under `files/`. */
export function keptCopies(project: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(keptDir(project), 'manifest.json'), 'utf8')) as { copies: Record<string, [string, number, number]> };
  return Object.fromEntries(Object.entries(manifest.copies).map(([file, [name]]) => [file, name]));
}

/** Every file of a built site with its bytes (base64), by path under `dist`. */
export function tree(dist: string): Map<string, string> {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dist, path.join(d.parentPath, d.name)))
    .sort();
  return new Map(files.map((f) => [f, readFileSync(path.join(dist, f)).toString('base64')]));
}

/** Adds a sentence (`ملاحظة للاختبار.`) to the first claim's reasoning of the seed case. */
export function editReasoning(dir: string): void {
  addToReasoning(path.join(dir, 'content/cases/dumayr-raid.md'), 'ملاحظة للاختبار.');
}

/**
 * Adds a sentence at the end of the first claim's first paragraph of reasoning (the first line inside it that is not
 * its quote, an evidence line or a blank): an edit found by the case's form, so that rewording a case does not break
 * the tests that edit it.
 */
export function addToReasoning(file: string, sentence: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const claim = lines.findIndex((line) => line.startsWith(':::claim'));
  const reasoning = claim < 0 ? -1 : lines.findIndex((line, i) => i > claim && line.trim() !== '' && !/^(>|::)/.test(line));
  if (reasoning < 0 || lines[reasoning]!.startsWith(':::')) throw new Error(`${file}: no reasoning paragraph in its first claim to add to`);
  lines[reasoning] = `${lines[reasoning]} ${sentence}`;
  writeFileSync(file, lines.join('\n'));
}
