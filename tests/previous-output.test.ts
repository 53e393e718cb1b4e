import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../bench/synthetic.ts';
import { cleanEnv } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

/** A copy of the project with its own caches (node_modules/.astro), so no other test's build shares them. */
function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-rebuild-'));
  copyProject(ROOT, dir);
  cpSync(path.join(ROOT, 'content/cases'), path.join(dir, 'content/cases'), { recursive: true });
  cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  return dir;
}

/** `npm run build` in a project, into its own dist/ (what a newsroom's CI does, build after build). */
function build(dir: string): string {
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: dir, env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}\n${run.stderr}`;
}

/** Every file of a built site with its bytes. */
function tree(dist: string): Map<string, string> {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dist, path.join(d.parentPath, d.name)))
    .sort();
  return new Map(files.map((f) => [f, readFileSync(path.join(dist, f)).toString('base64')]));
}

describe('rebuilding into the same output folder', () => {
  let project: string;
  let again: string;
  let afterDelete: string;
  beforeAll(() => {
    project = projectCopy();
    build(project);
    again = build(project);
    rmSync(path.join(project, 'content/cases/riverside-clinic.md'));
    afterDelete = build(project);
  }, 240_000);

  it('reuses the unchanged case outputs of the last build in place (no copy from the cache)', () => {
    const reused = /(\d+) unchanged outputs reused from the last build/.exec(again)?.[1];
    expect(Number(reused)).toBeGreaterThanOrEqual(2 * 5); // each case: page, JSON, annotations, card, one source text at least
  });

  it('removes every output of a deleted case, folders included, and gives exactly what a build from nothing gives', () => {
    expect(afterDelete).toMatch(/\d+ no longer built removed/);
    const dist = path.join(project, 'dist');
    expect(existsSync(path.join(dist, 'cases/riverside-clinic'))).toBe(false);
    expect(existsSync(path.join(dist, 'cases/riverside-clinic.json'))).toBe(false);
    const fresh = projectCopy();
    rmSync(path.join(fresh, 'content/cases/riverside-clinic.md'));
    build(fresh);
    expect(tree(dist)).toEqual(tree(path.join(fresh, 'dist')));
  }, 120_000);
});
