#!/usr/bin/env node
/**
 * `node bench/check-cli.ts [cases]`: times the `tahqiq` CLI as journalists and CI run it (real processes), printing
 * figures, asserting nothing:
 *  1. node startup alone (the floor every command pays);
 *  2. `tahqiq check` on one case file and on all files of this project;
 *  3. a generated archive (default 4,000 cases, each quoting its own 12-paragraph source, 6 claims): one file
 *     (the baseline is the whole archive, which is what checking one file cost before `check [paths…]`),
 *     all files, `--accept` writing the lock;
 *  4. verdict history of the archive from git (3 commits touching every case): cold, then cached by HEAD.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHistories } from '../src/core/provenance/read-history.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// The entry `npx tahqiq` runs (compile cache first, then the bundled CLI; src/cli/tahqiq.mjs).
const cli = path.join(root, 'src/cli/tahqiq.mjs');
const count = Number(process.argv[2] ?? 4000);

function run(cwd: string, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return performance.now() - started;
}

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms (min ${sorted[0]!.toFixed(0)}, max ${sorted[sorted.length - 1]!.toFixed(0)}, n=${ms.length})`;
}

const times = (n: number, fn: () => number) => Array.from({ length: n }, fn);

console.log(`node startup (node -e ''):                   ${stats(times(5, () => run(root, ['-e', ''])))}`);
console.log(`tahqiq --help:                               ${stats(times(5, () => run(root, [cli, '--help'])))}`);
console.log(`project, tahqiq check one file:              ${stats(times(5, () => run(root, [cli, 'check', 'content/cases/riverside-clinic.md'])))}`);
console.log(`project, tahqiq check all files:             ${stats(times(5, () => run(root, [cli, 'check'])))}`);

// A synthetic archive in a git repository.
const archive = mkdtempSync(path.join(tmpdir(), 'tahqiq-archive-'));
mkdirSync(path.join(archive, 'seeds'));
mkdirSync(path.join(archive, 'content/cases'), { recursive: true });
const words = ['council', 'clinic', 'mayor', 'union', 'river', 'budget', 'nurse', 'report', 'county', 'van'];
for (let c = 0; c < count; c++) {
  const paragraphs = Array.from({ length: 12 }, (_, p) => `The ${words[(c + p) % 10]} number ${c}-${p} said the ${words[(c * 3 + p) % 10]} would meet on day ${p}. Officials in case ${c} confirmed item ${p}.`);
  writeFileSync(path.join(archive, `seeds/s-${c}.txt`), `${paragraphs.join('\n')}\n`);
  const claims = Array.from({ length: 6 }, (_, k) => `:::claim[Claim ${k}]{#claim-${k} status=unconfirmed claimant="Someone" missing="A document"}\n> said the ${words[(c * 3 + k * 2) % 10]} would meet on day ${k * 2}\n\nReasoning.\n:::\n`);
  writeFileSync(path.join(archive, `content/cases/case-${c}.md`), `---\ntitle: "Case ${c}"\nlang: en\nsource:\n  document: seeds/s-${c}.txt\n  publisher: "Bench"\nreviewed: 2026-11-28\nsummary: "Synthetic case."\n---\n\n${claims.join('\n')}`);
}
const git = (args: string[], date: string) => execFileSync('git', args, { cwd: archive, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
console.log(`archive: ${count} cases, ${count} sources, ${count * 6} claims in ${archive}`);
console.log(`archive, tahqiq check --accept (writes lock): ${stats([run(archive, [cli, 'check', '--accept'])])}`);
console.log(`archive, tahqiq check one file:              ${stats(times(5, () => run(archive, [cli, 'check', 'content/cases/case-17.md'])))}`);
console.log(`archive, tahqiq check all files (baseline for one file before paths): ${stats(times(2, () => run(archive, [cli, 'check'])))}`);

git(['init', '-q'], '2026-01-01T00:00:00Z');
git(['add', '-A'], '2026-01-01T00:00:00Z');
git(['commit', '-q', '-m', 'Publish'], '2026-01-01T00:00:00Z');
for (const [i, date] of ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'].entries()) {
  for (let c = 0; c < count; c++) {
    const file = path.join(archive, `content/cases/case-${c}.md`);
    const from = i === 0 ? 'claim-1 status=unconfirmed' : 'claim-1 status=disputed';
    const to = i === 0 ? 'claim-1 status=disputed' : 'claim-1 status=unconfirmed';
    writeFileSync(file, (await import('node:fs')).readFileSync(file, 'utf8').replace(from, to));
  }
  git(['commit', '-q', '-am', `Revision ${i + 1}`], date);
}
const cacheDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-archive-cache-'));
let started = performance.now();
const cold = await readHistories({ root: archive, casesDir: 'content/cases', cacheDir });
console.log(`archive, history from git (3 commits × ${count} cases), cold: ${(performance.now() - started).toFixed(0)} ms, ${cold.byFile.size} cases, cached=${cold.cached}`);
started = performance.now();
const warm = await readHistories({ root: archive, casesDir: 'content/cases', cacheDir });
console.log(`archive, history again with HEAD unchanged:  ${(performance.now() - started).toFixed(0)} ms, cached=${warm.cached}`);

// The archive, its git repository and the history cache are temporary.
for (const dir of [archive, cacheDir]) rmSync(dir, { recursive: true, force: true });
