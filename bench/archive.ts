#!/usr/bin/env node
/**
 * `npm run bench:archive`: the project at archive scale, beside plain Astro.
 * For each N (default 100, 1,000, 4,000) it generates N synthetic cases (see
 * synthetic.ts) into a temporary copy of the project and, in one run, times:
 *   - the cold build (`npm run build`, no caches),
 *   - a rebuild with nothing changed,
 *   - a rebuild after editing one case file,
 *   - a rebuild after editing one source document (re-verifies only its case),
 *   - the baseline: a plain Astro project publishing the same source texts as
 *     ordinary markdown pages (`src/pages/cases/<id>.md` with a layout), built cold,
 *   - the same baseline with search, as a plain Astro site adds it: Pagefind's CLI
 *     over its built site, timed after the build (tahqiq's build makes its search
 *     index with Pagefind too).
 * Peak RSS comes from GNU time (`/usr/bin/time -v`, apt package `time`): the
 * largest resident set of any one process of the build. Prints a table; asserts nothing.
 *
 *   npm run bench:archive -- --sizes 100,1000 --keep
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copyProject, linkPackages, writeArchive } from './synthetic.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,4000' },
    keep: { type: 'boolean', default: false },
    'no-baseline': { type: 'boolean', default: false },
    'no-dev': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
if (!existsSync('/usr/bin/time')) {
  console.error('GNU time is missing: install it with `apt-get install time` (it measures peak memory).');
  process.exit(2);
}

interface Run {
  s: number;
  /** User + system CPU seconds of the build's processes (less sensitive than wall time to other load on the machine). */
  cpu: number;
  rssMb: number;
  ok: boolean;
  output: string;
}

function timed(cwd: string, command: string[]): Run {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-v', ...command], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const s = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  const cpu = ['User', 'System'].reduce((sum, k) => sum + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr)?.[1] ?? NaN), 0);
  return { s, cpu, rssMb: rss ? Number(rss) / 1024 : NaN, ok: run.status === 0, output: `${run.stdout}\n${run.stderr}` };
}

function must(run: Run, what: string): Run {
  if (!run.ok) {
    console.error(`${what} failed:\n${run.output.slice(-4000)}`);
    process.exit(1);
  }
  return run;
}

/** A plain Astro 7 site: the same texts as markdown pages with a minimal layout. */
function writeBaseline(dir: string, sources: Map<string, string>): void {
  linkPackages(root, dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'plain-astro', private: true, type: 'module', scripts: { build: 'astro build' } }));
  writeFileSync(path.join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'always', build: { format: 'directory' } });\n`);
  mkdirSync(path.join(dir, 'src/layouts'), { recursive: true });
  mkdirSync(path.join(dir, 'src/pages/cases'), { recursive: true });
  writeFileSync(path.join(dir, 'src/layouts/Plain.astro'), `---
const { frontmatter } = Astro.props;
---
<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8" /><title>{frontmatter.title}</title></head>
<body><main><h1>{frontmatter.title}</h1><slot /></main></body></html>
`);
  for (const [id, text] of sources) {
    const [title, ...paragraphs] = text.trim().split('\n');
    writeFileSync(path.join(dir, `src/pages/cases/${id}.md`), `---\nlayout: ../../layouts/Plain.astro\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run dev` on the archive: time to serve the first case page, then the time from
 * saving an edit to one case until the dev server serves the page with the edit.
 */
async function measureDev(project: string, archive: ReturnType<typeof writeArchive>, index: number): Promise<{ startS: number; editMs: number[] }> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const url = `http://127.0.0.1:${port}/cases/${archive.ids[index]}/`;
  const started = performance.now();
  const dev = spawn('npm', ['run', '--silent', 'dev', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: project, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }, detached: true, stdio: 'ignore',
  });
  const page = () => fetch(url).then((r) => (r.ok ? r.text() : '')).catch(() => '');
  try {
    for (let waited = 0; !(await page()).includes('<table'); waited += 250) {
      if (waited > 600_000) throw new Error('dev server did not serve the case within 10 min');
      await sleep(250);
    }
    const startS = (performance.now() - started) / 1000;
    const editMs: number[] = [];
    for (let k = 1; k <= 3; k++) {
      const mark = `علامة-القياس-${k}-${Date.now()}`;
      const t = performance.now();
      archive.editCase(index, mark);
      while (!(await page()).includes(mark)) {
        if (performance.now() - t > 120_000) throw new Error('the edit did not reach the page within 2 min');
        await sleep(20);
      }
      editMs.push(performance.now() - t);
      await sleep(500);
    }
    return { startS, editMs };
  } finally {
    if (dev.pid) process.kill(-dev.pid);
  }
}

/**
 * Where a build's time went, from its own log: the loader's verification, Astro's page generation with the
 * summed time of each kind of case page (`/cases/<id>/index.html`: all case pages; Astro prints every route with its
 * time; four render at once, so the sum is more than the wall time), the search index, and the files that are not
 * pages.
 */
function phases(output: string): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const loader = /tahqiq-case-loader\] .* in (\d+) ms/.exec(output)?.[1];
  const generation = /generating static routes[\s\S]*?✓ Completed in (.+?)\.?\s*$/m.exec(output)?.[1];
  const searchLine = /search index: (?:\d+ pages in (\d+) ms|.*restored in (\d+) ms)/.exec(output);
  const search = searchLine ? (searchLine[1] ?? `${searchLine[2]}`) : undefined;
  const byKind = new Map<string, number>();
  for (const [, route, ms] of output.matchAll(/[├└]─ (\S+) \(\+(\d+)ms\)/g)) {
    const kind = route!.replace(/^\/cases\/[^/]+\//, '/cases/<id>/').replace(/^\/cases\/[^/.]+\.json$/, '/cases/<id>.json').replace(/sources\/[^/]+$/, 'sources/<doc>');
    if (kind.startsWith('/cases/')) byKind.set(kind, (byKind.get(kind) ?? 0) + Number(ms));
  }
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${seconds(ms)}`).join(', ');
  // The files that are not pages, written by the direct-outputs integration while the search index is made.
  const outputs = /(\d+) outputs? written \(([\d.]+) MB[^)]*\), (\d+) unchanged kept from the last build, in (\d+) ms/.exec(output);
  const files = outputs ? ` · other files ${seconds(Number(outputs[4]))} (${outputs[1]} written, ${outputs[3]} kept; beside the search index)` : '';
  return `verify ${loader ? seconds(Number(loader)) : '?'} · pages ${generation ?? '?'}${kinds ? ` (${kinds}, summed: four pages render at once)` : ''} · search ${search ? `${seconds(Number(search))}${searchLine?.[2] ? ' (restored)' : ''}` : '?'}${files}`;
}

/** A plain build followed by its search index: their times and CPU summed, the larger peak memory. */
function withSearch(build: Run, search: Run): Run {
  return { s: build.s + search.s, cpu: build.cpu + search.cpu, rssMb: Math.max(build.rssMb, search.rssMb), ok: build.ok && search.ok, output: `${build.output}\n${search.output}` };
}

/** How much slower the project's run is than a baseline's, in wall and CPU time. */
const ratio = (project: Run, baseline: Run) => `${(project.s / baseline.s).toFixed(2)}× (cpu ${(project.cpu / baseline.cpu).toFixed(2)}×)`;

const pages = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
/** Wall time, with CPU time in parentheses. */
const w = (r: Run) => `${r.s.toFixed(1)} s (cpu ${r.cpu.toFixed(1)})`;
const gb = (mb: number) => `${(mb / 1024).toFixed(2)} GB`;

/**
 * The temporary projects, removed when every size has run, not as each ends: on a file system without a journal (as
 * on the development machine) ext4 skips every inode freed in the last minutes when it makes a new file, so a build
 * run right after removing the last size's 100,000 files paid up to ~1 ms a new file (bench/README.md, the
 * twenty-fifth session).
 */
const removeAtEnd: string[] = [];
const rows: string[] = [];
const devRows: string[] = [];
const checkRows: string[] = [];
for (const n of sizes) {
  const project = mkdtempSync(path.join(tmpdir(), `tahqiq-archive-${n}-`));
  copyProject(root, project);
  const t0 = performance.now();
  const archive = writeArchive(root, project, n);
  // A newsroom's archive has its source fingerprints recorded (content/sources.lock.json); not timed.
  must(timed(project, ['node', 'src/cli/tahqiq.mjs', 'check', '--accept']), `tahqiq check --accept (${n})`);
  const generated = (performance.now() - t0) / 1000;
  const build = ['npm', 'run', '--silent', 'build'];
  const cold = must(timed(project, build), `cold build (${n})`);
  const out = pages(path.join(project, 'dist'));
  const again = must(timed(project, build), `rebuild (${n})`);
  archive.editCase(Math.floor(n / 2), 'تعديل للقياس.');
  const editCase = must(timed(project, build), `edit-one-case rebuild (${n})`);
  archive.editSource(Math.floor(n / 3), 'تعديل');
  const editSource = must(timed(project, build), `edit-one-source rebuild (${n})`);
  let plain: Run | undefined;
  let searched: Run | undefined;
  let plainPages = 0;
  if (!values['no-baseline']) {
    const baseline = mkdtempSync(path.join(tmpdir(), `plain-astro-${n}-`));
    writeBaseline(baseline, archive.sources);
    plain = must(timed(baseline, ['npx', 'astro', 'build']), `plain Astro build (${n})`);
    plainPages = pages(path.join(baseline, 'dist'));
    searched = withSearch(plain, must(timed(baseline, [path.join(root, 'node_modules/.bin/pagefind'), '--site', 'dist']), `Pagefind over the plain Astro site (${n})`));
    if (!values.keep) removeAtEnd.push(baseline);
  }
  // `tahqiq check` on one case file of the archive (what an editor runs on save), twice (the second with the file cache warm).
  const one = `content/cases/${archive.ids[Math.floor(n / 5)]}.md`;
  const checkOne = [1, 2].map(() => timed(project, ['node', 'src/cli/tahqiq.mjs', 'check', one]));
  checkRows.push(`| ${n} | ${checkOne.map(w).join(' / ')} |`);
  let devRow = '';
  if (!values['no-dev']) {
    const d = await measureDev(project, archive, Math.floor(n / 4));
    devRow = `| ${n} | ${d.startS.toFixed(1)} s | ${d.editMs.map((ms) => `${Math.round(ms)} ms`).join(', ')} |`;
    devRows.push(devRow);
    console.log(`  dev: ${devRow}`);
  }
  const row = `| ${n} | ${w(cold)}, ${((cold.s * 1000) / n).toFixed(1)} ms/case | ${w(again)} | ${w(editCase)} | ${w(editSource)} | ${plain ? w(plain) : '–'} | ${plain ? ratio(cold, plain) : '–'} | ${searched ? w(searched) : '–'} | ${searched ? ratio(cold, searched) : '–'} | ${gb(cold.rssMb)} / ${plain ? gb(plain.rssMb) : '–'} | ${out} / ${plainPages} |`;
  rows.push(row);
  console.log(`N=${n}: generated and fingerprinted in ${generated.toFixed(1)} s; ${values.keep ? `kept ${project}` : 'done'}`);
  console.log(row);
  for (const [name, r] of [['cold', cold], ['no change', again], ['edit case', editCase], ['edit source', editSource]] as const) {
    console.log(`  ${name}: ${/tahqiq-case-loader\] (\d+ cases? verified.*)/.exec(r.output)?.[1] ?? ''}; ${/\d+ page\(s\) built in .*/.exec(r.output)?.[0] ?? ''}\n    ${phases(r.output)}`);
  }
  if (!values.keep) removeAtEnd.push(project);
}
for (const dir of removeAtEnd) rmSync(dir, { recursive: true, force: true });

console.log(`
Archive benchmark (${new Date().toISOString()}, ${(await import('node:os')).cpus().length} cores; the project and the baseline run one after the other in this run)
| cases | tahqiq cold build | no change | edit one case | edit one source | plain Astro cold | ratio tahqiq / plain | plain Astro + Pagefind | ratio tahqiq / plain + Pagefind | peak RSS tahqiq / plain | HTML pages tahqiq / plain |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
\n\`tahqiq check <one case file>\` in the archive (two runs)\n| cases | wall (cpu) |\n|---|---|\n${checkRows.join('\n')}
${devRows.length ? `\nDev server (npm run dev): first case page served, then save-to-page for three edits of one case\n| cases | first page | edit → page updated |\n|---|---|---|\n${devRows.join('\n')}` : ''}`);
