#!/usr/bin/env node
/**
 * `node bench/check-one.ts`: what a journalist's editor waits for on save, `tahqiq check <one case file>`, in
 * synthetic archives of N cases (default 1,000 and 4,000; bench/synthetic.ts), before and after, side by side:
 *  - before: the CLI of another git revision (default `main`), exported into the archive (`git archive`);
 *  - after: this worktree's CLI, run as `node src/cli/tahqiq.ts` and, when present, through the plain-JavaScript
 *    entry `src/cli/tahqiq.mjs` (what `npx tahqiq` and `npm run check` run once package.json points at it).
 * Each archive's fingerprints are recorded first (`check --accept`, not timed). Each command runs once untimed (so
 * Node's compile cache is warm, as on a journalist's machine), then `--runs` times (default 5): median wall and
 * median CPU (user + system, GNU time), and the exit code. With `--all`, `check` on every case too, once each
 * (before, and the last CLI above).
 * Asserts nothing: speed is read, not tested.
 *
 *   node bench/check-one.ts --sizes 1000,4000 --runs 5 --before main --all
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copyProject, writeArchive } from './synthetic.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,4000' },
    runs: { type: 'string', default: '5' },
    before: { type: 'string', default: 'main' },
    all: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

interface Timed {
  wall: number;
  cpu: number;
  status: number | null;
}

/** One run of `node <args>` in `cwd`: wall and CPU ms (GNU time writes user and system seconds to a file). */
function timed(cwd: string, args: string[]): Timed {
  const out = path.join(cwd, '.bench-time');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-o', out, '-f', '%U %S', process.execPath, ...args], { cwd, stdio: 'ignore' });
  const wall = performance.now() - started;
  const [user, system] = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  rmSync(out);
  return { wall, cpu: (user! + system!) * 1000, status: run.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(cwd: string, args: string[], n: number): { wall: number; cpu: number; min: number; max: number; status: string } {
  timed(cwd, args); // warm: compile cache, page cache
  const all = Array.from({ length: n }, () => timed(cwd, args));
  const walls = all.map((t) => t.wall);
  return { wall: median(walls), cpu: median(all.map((t) => t.cpu)), min: Math.min(...walls), max: Math.max(...walls), status: [...new Set(all.map((t) => t.status))].join('/') };
}

/** The CLI of git revision `ref` (its src/), exported into `dir` so its imports resolve to the archive's node_modules. */
function exportRevision(ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['-C', root, 'archive', '--format=tar', ref, 'src'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return path.join(dir, 'src/cli/tahqiq.ts');
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`tahqiq check on one case file; median of ${runs} after one warm-up run (wall, CPU = user + system)`);
console.log('| archive | CLI | wall | CPU | wall min–max | exit |');
console.log('|---|---|---|---|---|---|');
const allRows: string[] = [];
for (const n of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), `tahqiq-check-one-${n}-`));
  copyProject(root, dir);
  writeArchive(root, dir, n);
  const before = exportRevision(values.before, path.join(dir, '.bench-before'));
  const after = path.join(root, 'src/cli/tahqiq.ts');
  const shim = path.join(root, 'src/cli/tahqiq.mjs');
  const accept = spawnSync(process.execPath, [after, 'check', '--accept'], { cwd: dir, encoding: 'utf8' });
  if (accept.status !== 0) throw new Error(`check --accept failed in ${dir}:\n${accept.stderr}`);
  const one = `content/cases/case-${String(Math.ceil(n / 2)).padStart(5, '0')}.md`;
  const clis: [string, string][] = [[`before (${values.before})`, before], ['after, tahqiq.ts', after]];
  if (existsSync(shim)) clis.push(['after, tahqiq.mjs', shim]);
  for (const [label, cli] of clis) {
    const r = measure(dir, [cli, 'check', one], runs);
    console.log(`| ${n} cases | ${label} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt(r.min)}–${fmt(r.max)} | ${r.status} |`);
  }
  if (values.all) {
    for (const [label, cli] of [clis[0]!, clis.at(-1)!]) {
      const r = timed(dir, [cli, 'check']);
      allRows.push(`| ${n} cases | ${label} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${(r.wall / n).toFixed(1)} ms | ${(r.cpu / n).toFixed(1)} ms | ${r.status} |`);
    }
  }
  if (values.keep) console.log(`(kept ${dir})`);
  else rmSync(dir, { recursive: true, force: true });
}
if (allRows.length) {
  console.log('\ntahqiq check on every case file, one run each');
  console.log('| archive | CLI | wall | CPU | wall per case | CPU per case | exit |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of allRows) console.log(row);
}
