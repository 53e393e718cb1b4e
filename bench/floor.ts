#!/usr/bin/env node
/**
 * `npm run bench:floor`: the stages a cold build cannot skip, each run alone on an archive, with their wall and CPU
 * time: verification of every case (as the build's loader does it, into an empty verified-case cache), the share
 * cards (into an empty card cache, one process per core as drawCards chooses) and the search index (Pagefind's own
 * CLI over the built site). On a machine of C cores a build that does these three as they are done here takes at
 * least their summed CPU time divided by C, however the rest of it is arranged; `npm run bench:archive` gives plain
 * Astro's cold build of the same texts.
 *
 *   npm run bench:floor -- --cases 4000
 *   npm run bench:floor -- --project /tmp/tahqiq-archive-4000-XXXX   (an archive kept by bench:archive --keep, built)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCases } from '../src/core/load-cases.ts';
import { drawCards } from '../src/core/share-card/draw-cards.ts';
import type { CaseSummary } from '../src/schemas/case-summary.ts';
import { cpu } from './cpu-time.ts';
import { copyProject, writeArchive } from './synthetic.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { cases: { type: 'string', default: '4000' }, project: { type: 'string' } } });

/** A project with an archive and its built site: the one given, or a new one generated and built here (not timed). */
function archiveProject(): { project: string; made: boolean } {
  if (values.project) {
    const project = path.resolve(values.project);
    if (!existsSync(path.join(project, 'dist', 'index.html'))) {
      console.error(`${project} has no built site (dist/index.html): run \`npm run build\` there first, or leave out --project.`);
      process.exit(2);
    }
    return { project, made: false };
  }
  const project = mkdtempSync(path.join(tmpdir(), `tahqiq-floor-${values.cases}-`));
  copyProject(root, project);
  writeArchive(root, project, Number(values.cases));
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
  for (const command of [['node', 'src/cli/tahqiq.mjs', 'check', '--accept'], ['npm', 'run', '--silent', 'build']]) {
    const run = spawnSync(command[0]!, command.slice(1), { cwd: project, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) {
      console.error(`\`${command.join(' ')}\` failed in ${project}:\n${`${run.stdout}\n${run.stderr}`.slice(-4000)}`);
      process.exit(1);
    }
  }
  return { project, made: true };
}

interface Stage {
  name: string;
  ms: number;
  cpuMs: number;
}

/** Runs one stage, timed; `fn` resolves to how it ran (the processes it used), for the stage's name. */
async function stage(name: string, fn: () => Promise<string>): Promise<Stage> {
  const started = performance.now();
  let how = '';
  const cpuMs = await cpu(async () => (how = await fn()));
  return { name: `${name} (${how})`, ms: performance.now() - started, cpuMs };
}

const processes = (n: number) => (n > 1 ? `${n} processes` : 'in one thread');

const { project, made } = archiveProject();
const scratch = mkdtempSync(path.join(tmpdir(), 'tahqiq-floor-scratch-'));
// The site configuration (names on the cards) is read from the working folder, as in a build.
process.chdir(project);
const { caseCardSvg } = await import('../src/case-card.ts');
const stages: Stage[] = [];
let summaries: CaseSummary[] = [];
try {
  stages.push(
    await stage('verification', async () => {
      const run = await loadCases(project, undefined, { cacheDir: path.join(scratch, 'cases'), tool: 'floor' });
      if (run.problems.errors.length) throw new Error(`the archive does not verify: ${run.problems.errors[0]!.file}: ${run.problems.errors[0]!.message}`);
      summaries = run.published.map((p) => p.summary);
      return processes(run.workers);
    }),
  );
  const svgs = summaries.map((summary) => caseCardSvg(summary));
  stages.push(await stage('share cards', async () => processes((await drawCards(svgs, path.join(scratch, 'cards'))).processes)));
  stages.push(
    await stage('search index', async () => {
      const run = spawnSync(path.join(root, 'node_modules/.bin/pagefind'), ['--site', path.join(project, 'dist'), '--output-path', path.join(scratch, 'pagefind')], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`pagefind failed:\n${run.stdout}\n${run.stderr}`);
      return "Pagefind's CLI over the whole site";
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
  if (made) rmSync(project, { recursive: true, force: true });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cores = availableParallelism();
const cpuMs = stages.reduce((sum, x) => sum + x.cpuMs, 0);
console.log(`
Stages a cold build cannot skip, each alone (${summaries.length} cases, ${cores} cores, ${new Date().toISOString()})
| stage | wall | CPU |
|---|---|---|
${stages.map((x) => `| ${x.name} | ${s(x.ms)} | ${s(x.cpuMs)} |`).join('\n')}
| together, one after the other | ${s(stages.reduce((sum, x) => sum + x.ms, 0))} | ${s(cpuMs)} |

On ${cores} cores a build doing these three as they are done here takes at least ${s(cpuMs / cores)} (their CPU time / ${cores}), before any page is rendered.`);
