#!/usr/bin/env node
/**
 * `npm run bench:core`: the core alone (parse, segment, anchor, validate, render
 * tree) over synthetic archives of N = 100, 1,000 and 4,000 cases, and over one
 * case whose source is 10× longer than usual. Prints wall and CPU ms per case (CPU
 * counts this process and its verification worker processes), each archive run two
 * ways: as the build runs it (each case written to the verified-case cache) and as
 * `tahqiq check` runs it (summaries sent back, nothing written: the core alone);
 * linear growth means the per-case figure stays flat. Asserts nothing.
 *
 *   npm run bench:core -- --sizes 100,1000 --runs 3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCases } from '../src/core/load-cases.ts';
import { cpu } from './cpu-time.ts';
import { writeArchive } from './synthetic.ts';

// As `astro` and `tahqiq` do: the verification workers then load the core compiled (child-env.ts).
module.enableCompileCache?.();
const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,1000,4000' }, runs: { type: 'string', default: '3' } } });
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

/** How the archive is verified: into the verified-case cache (as the build), or to summaries only (as `check`). */
type Mode = 'cache' | 'summaries';

async function best(dir: string, mode: Mode): Promise<{ ms: number; cpuMs: number; cases: number; claims: number }> {
  let ms = Infinity;
  let cpuMs = Infinity;
  let cases = 0;
  let claims = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    let run!: Awaited<ReturnType<typeof loadCases>>;
    // With the verified-case cache, as the build verifies: each worker writes its cases there (a new folder each
    // run, as in a cold build) and sends back summaries. Without it, as `check` verifies: summaries, nothing written.
    const output = mode === 'cache' ? { cacheDir: path.join(dir, `cache-${i}`) } : { summaries: true };
    cpuMs = Math.min(cpuMs, await cpu(async () => (run = await loadCases(dir, undefined, { ...output, tool: 'bench' }))));
    ms = Math.min(ms, performance.now() - t);
    if (run.problems.errors.length) throw new Error(`synthetic archive does not verify: ${run.problems.errors[0]!.file}: ${run.problems.errors[0]!.message}`);
    cases = run.cases.length + run.published.length;
    claims = run.cases.reduce((n, c) => n + c.claims.length, 0) + run.published.reduce((n, p) => n + p.summary.claimCount, 0);
  }
  return { ms, cpuMs, cases, claims };
}

console.log(`core alone (loadCases: read, parse, segment, anchor, validate, render tree), best of ${runs}`);
console.log('| archive | cases | claims | into the cache (build): total wall | wall per case | CPU per case | summaries only (check): total wall | wall per case | CPU per case |');
console.log('|---|---|---|---|---|---|---|---|---|');
const archives: { n: number; cached: Awaited<ReturnType<typeof best>> }[] = [];
for (const n of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-core-'));
  writeArchive(root, dir, n);
  const figures = (r: Awaited<ReturnType<typeof best>>) => `${(r.ms / 1000).toFixed(2)} s | ${(r.ms / r.cases).toFixed(2)} ms | ${(r.cpuMs / r.cases).toFixed(2)} ms`;
  const cached = await best(dir, 'cache');
  const alone = await best(dir, 'summaries');
  console.log(`| ${n} cases, ~800-word sources | ${cached.cases} | ${cached.claims} | ${figures(cached)} | ${figures(alone)} |`);
  archives.push({ n, cached });
  rmSync(dir, { recursive: true, force: true });
}
// What each case adds between two sizes (the fixed cost of starting the workers and warming them up left out): the
// per-case figures above fall with the archive's size when that fixed cost dominates, and this one shows the rest.
for (let i = 1; i < archives.length; i++) {
  const [a, b] = [archives[i - 1]!, archives[i]!];
  const cases = b.cached.cases - a.cached.cases;
  console.log(`each case from ${a.n} to ${b.n} cases (into the cache): ${((b.cached.ms - a.cached.ms) / cases).toFixed(2)} ms wall, ${((b.cached.cpuMs - a.cached.cpuMs) / cases).toFixed(2)} ms CPU; fixed cost ${((a.cached.ms - (a.cached.cases * (b.cached.ms - a.cached.ms)) / cases) / 1000).toFixed(2)} s wall`);
}
for (const factor of [1, 10]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-core-long-'));
  writeArchive(root, dir, 1, 800 * factor);
  // Same case many times over, so one measurement is long enough to be stable.
  const r = { ms: Infinity, cpuMs: Infinity };
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    r.cpuMs = Math.min(r.cpuMs, await cpu(() => loadCases(dir, undefined, { summaries: true })));
    r.ms = Math.min(r.ms, performance.now() - t);
  }
  console.log(`| 1 case, ${factor === 1 ? '~800-word source' : `${factor}× longer source (~${800 * factor} words)`} | 1 | 15 | – | – | – | ${r.ms.toFixed(2)} ms | ${r.ms.toFixed(2)} ms | ${r.cpuMs.toFixed(2)} ms |`);
  rmSync(dir, { recursive: true, force: true });
}
