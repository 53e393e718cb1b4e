#!/usr/bin/env node
/**
 * `npm run bench`: prints figures, asserts nothing.
 *  1. the check (core only) on the project's cases, 20 runs;
 *  2. the core on a synthetic large case: 2,000-paragraph source, 500 claims; then one case of 1,000, 2,000 and
 *     4,000 claims on a 16,000-paragraph source (the time a claim should stay flat);
 *  3. `npm run build`, 3 runs;
 *  4. page weight of every built page (HTML with inline CSS and JS), raw and gzip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases } from '../src/core/load-cases.ts';
import { pageWeight } from './page-weight.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `min ${sorted[0]!.toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms (n=${ms.length})`;
}

async function time(fn: () => Promise<unknown> | unknown, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

// 1. The project's cases.
const project = await loadCases(root);
const claims = project.cases.reduce((n, c) => n + c.claims.length, 0);
console.log(`check, project cases (${project.cases.length} cases, ${claims} claims): ${stats(await time(() => loadCases(root), 20))}`);

// 2. A synthetic large case.
const big = mkdtempSync(path.join(tmpdir(), 'tahqiq-bench-'));
mkdirSync(path.join(big, 'seeds'));
mkdirSync(path.join(big, 'content/cases'), { recursive: true });
const words = ['الغارة', 'القوات', 'المسؤول', 'التقرير', 'المصدر', 'الحكومة', 'السكان', 'البلدة', 'الأسرة', 'التحالف'];
const paragraphs = Array.from({ length: 2000 }, (_, p) =>
  Array.from({ length: 3 }, (_, s) => `قال ${words[(p + s) % 10]} رقم ${p}-${s} إن ${words[(p * 7 + s) % 10]} ${words[(p * 3 + s) % 10]} في اليوم ${p * 3 + s}.`).join(' '),
);
writeFileSync(path.join(big, 'seeds/big.txt'), `${paragraphs.join('\n')}\n`);
const claimBlocks = Array.from({ length: 500 }, (_, i) => {
  const p = i * 4;
  return `:::claim[ادعاء ${i}]{#claim-${i} status=confirmed claimant="مصدر"}\n> قال ${words[p % 10]} رقم ${p}-0 إن\n\nتعليل.\n:::\n`;
});
writeFileSync(path.join(big, 'content/cases/big.md'), `---\ntitle: كبير\nlang: ar\nsource:\n  document: seeds/big.txt\n  publisher: اختبار\nreviewed: 2026-11-28\nsummary: ملف كبير للقياس.\n---\n\n${claimBlocks.join('\n')}`);
const bigRun = await loadCases(big);
if (bigRun.problems.errors.length) throw new Error(`synthetic case failed: ${bigRun.problems.errors[0]?.message}`);
console.log(`check, synthetic case (2,000 paragraphs, 6,000 sentences, 500 claims): ${stats(await time(() => loadCases(big), 5))}`);

// 2b. More claims in one case, the source the same (16,000 paragraphs): linear growth keeps the time per claim flat.
const many = mkdtempSync(path.join(tmpdir(), 'tahqiq-bench-'));
mkdirSync(path.join(many, 'seeds'));
mkdirSync(path.join(many, 'content/cases'), { recursive: true });
const longParagraphs = Array.from({ length: 16_000 }, (_, p) => `قال ${words[p % 10]} رقم ${p}-0 إن ${words[(p * 7) % 10]} ${words[(p * 3) % 10]} في اليوم ${p}.`);
writeFileSync(path.join(many, 'seeds/long.txt'), `${longParagraphs.join('\n')}\n`);
for (const n of [1000, 2000, 4000]) {
  const blocks = Array.from({ length: n }, (_, i) => `:::claim[ادعاء ${i}]{#claim-${i} status=confirmed claimant="مصدر"}\n> قال ${words[(i * 4) % 10]} رقم ${i * 4}-0 إن\n\nتعليل.\n:::\n`);
  writeFileSync(path.join(many, 'content/cases/many.md'), `---\ntitle: كبير\nlang: ar\nsource:\n  document: seeds/long.txt\n  publisher: اختبار\nreviewed: 2026-11-28\nsummary: ملف كبير للقياس.\n---\n\n${blocks.join('\n')}`);
  const run = await loadCases(many);
  if (run.problems.errors.length) throw new Error(`synthetic case failed: ${run.problems.errors[0]?.message}`);
  const ms = await time(() => loadCases(many), 3);
  console.log(`check, one case of ${n.toLocaleString('en')} claims (16,000 paragraphs): ${stats(ms)}; ${(Math.min(...ms) / n).toFixed(3)} ms a claim (best)`);
}

// 3. Full builds.
const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-bench-dist-'));
const builds = await time(() => execFileSync('npm', ['run', '--silent', 'build', '--', '--outDir', outDir], { cwd: root, stdio: 'ignore' }), 3);
console.log(`npm run build (check + astro build): ${stats(builds)}`);

// 4. Page weight.
console.log('page weight (bytes, raw / gzip):');
const pages = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('index.html')).sort();
for (const page of pages) {
  const w = pageWeight(path.join(outDir, page));
  console.log(`  /${path.dirname(page) === '.' ? '' : `${path.dirname(page)}/`}  total ${w.total.raw} / ${w.total.gzip}  (reader ${w.reader.raw} / ${w.reader.gzip}, json-ld ${w.structuredData.raw} / ${w.structuredData.gzip}, css ${w.css.raw} / ${w.css.gzip}, js ${w.js.raw} / ${w.js.gzip}, external assets ${w.externalAssets})`);
}

// The synthetic case and the built site are temporary (about 3 MB).
for (const dir of [big, many, outDir]) rmSync(dir, { recursive: true, force: true });
