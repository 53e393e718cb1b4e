import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnv } from './helpers/build.ts';
import { build, editReasoning, projectCopy, tree } from './helpers/rebuild.ts';

const EDIT = 'ملاحظة للاختبار.';
const seedPage = (dist: string) => readFileSync(path.join(dist, 'cases/dumayr-raid/index.html'), 'utf8');
const lastBuild = (project: string) => JSON.parse(readFileSync(path.join(project, 'node_modules/.astro/tahqiq-last-build.json'), 'utf8')) as { outDir: string; finished: boolean };

/** A project built from nothing with the seed case edited or not: its dist/, what any rebuild must give. */
function fresh(edited: boolean): string {
  const project = projectCopy();
  if (edited) editReasoning(project);
  build(project);
  return path.join(project, 'dist');
}

/** Starts `npm run build` and stops it (the whole process group, as Ctrl-C in a terminal or a CI timeout) once its log shows `line`. */
function stopBuildAt(project: string, line: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const run = spawn('npm', ['run', '--silent', 'build'], { cwd: project, detached: true, env: buildEnv() });
    let log = '';
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      if (line.test(log)) process.kill(-run.pid!, 'SIGKILL');
    };
    run.stdout.on('data', read);
    run.stderr.on('data', read);
    run.once('exit', () => resolve(log));
  });
}

describe('a rebuild after another output folder or a stopped build', () => {
  it('gives what a build from nothing gives after a build of the same cache into another folder', () => {
    const project = projectCopy();
    build(project);
    editReasoning(project);
    // The edited page goes to another folder (a preview); the project's own dist/ still holds the page from before.
    const other = mkdtempSync(path.join(tmpdir(), 'tahqiq-other-out-'));
    build(project, {}, ['--outDir', other]);
    expect(seedPage(other)).toContain(EDIT);
    expect(lastBuild(project)).toEqual({ outDir: other, finished: true });
    build(project);
    const dist = path.join(project, 'dist');
    expect(seedPage(dist)).toContain(EDIT);
    expect(tree(dist)).toEqual(tree(fresh(true)));
  }, 180_000);

  it('renders every page again after a build that was stopped, and gives what a build from nothing gives', async () => {
    const project = projectCopy();
    build(project);
    const file = path.join(project, 'content/cases/dumayr-raid.md');
    const original = readFileSync(file, 'utf8');
    editReasoning(project);
    // Stopped once Vite bundles, after the build started (previous-output's record says so); then the edit is undone.
    const stopped = await stopBuildAt(project, /Building static entrypoints/);
    expect(stopped).not.toMatch(/Complete!/);
    expect(lastBuild(project)).toMatchObject({ finished: false });
    writeFileSync(file, original);
    const log = build(project);
    expect(log).not.toMatch(/\/cases\/dumayr-raid\/index\.html \((cached|restored)\)/);
    const dist = path.join(project, 'dist');
    expect(seedPage(dist)).not.toContain(EDIT);
    expect(tree(dist)).toEqual(tree(fresh(false)));
  }, 180_000);
});
