#!/usr/bin/env node
/**
 * `npm run fuzz`: mutates copies of the seed case for a bounded time and checks each one as the
 * build does (the real core, in process), then prints what happened. Not a test: a search for
 * inputs that crash, hang or leak a stack trace. Every mutated input must give a report of
 * catalogued problems (or none); any internal error or stack trace is a bug to fix.
 *
 *   npm run fuzz -- --seconds 60 --seed 7 [--case content/cases/dumayr-raid.md]
 *
 * Mutations: delete, duplicate and swap lines; insert random bytes, directive markers, quotes,
 * control and bidi characters; cut a line short. Exits 1 when an internal error or a stack trace
 * was seen (the failing inputs are written to a temporary folder, named in the output).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCase } from '../src/core/build-case.ts';
import { formatReport, ProblemList } from '../src/core/problems.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    case: { type: 'string', default: 'content/cases/dumayr-raid.md' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const seedCase = readFileSync(path.join(root, values.case), 'utf8');
const seconds = Number(values.seconds);
const seed = Number(values.seed);

/** mulberry32: a small seeded generator, so a run can be repeated with `--seed`. */
function generator(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(seed);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const MARKERS = [':::claim', ':::', '::supports[', '::contradicts[', '::context[', ':::note', '{#', '}', '[', ']', '{', '#', 'status=', 'occurrence=', 'doc=', '> ', '- ', '* ', '    ', '---', '\\', '&a [*a]', '*a', '<script>', '](javascript:alert(1))', '`'];
const QUOTES = ['"', "'", '«', '»', '“', '”', '`'];
const CONTROLS = ['\u0000', '\u001b[31m', '\u0007', '\u202e', '\u2066', '\u2069', '\u200b', '\ufeff', '\r', '\t', '\u0085', '\u2028'];

function randomBytes(): string {
  let s = '';
  for (let i = 0, n = 1 + int(8); i < n; i++) s += String.fromCodePoint(int(3) === 0 ? int(0x80) : int(0xd7ff));
  return s;
}

function mutate(text: string): string {
  const lines = text.split('\n');
  for (let k = 0, n = 1 + int(4); k < n; k++) {
    const at = int(lines.length);
    const line = lines[at] ?? '';
    const col = int(line.length + 1);
    const insert = (s: string) => (lines[at] = line.slice(0, col) + s + line.slice(col));
    switch (int(9)) {
      case 0: lines.splice(at, 1); break;
      case 1: lines.splice(at, 0, line); break;
      case 2: { const other = int(lines.length); [lines[at], lines[other]] = [lines[other] ?? '', line]; break; }
      case 3: insert(randomBytes()); break;
      case 4: insert(pick(MARKERS)); break;
      case 5: insert(pick(QUOTES)); break;
      case 6: insert(pick(CONTROLS)); break;
      case 7: lines[at] = line.slice(0, col); break;
      default: insert(pick(MARKERS).repeat(1 + int(200)));
    }
  }
  return lines.join('\n');
}

const STACK_TRACE = /\n\s+at \S|\bat (?:file|node):|Error: .*\n\s+at /;
const started = performance.now();
const failures = mkdtempSync(path.join(tmpdir(), 'tahqiq-fuzz-'));
let tried = 0;
let withErrors = 0;
let problemsReported = 0;
let internal = 0;
let traces = 0;
let slowest = 0;
while (performance.now() - started < seconds * 1000) {
  const input = mutate(seedCase);
  const problems = new ProblemList();
  const t = performance.now();
  let report = '';
  try {
    await buildCase({ root, file: 'content/cases/fuzz-case.md', markdown: input, problems });
    report = formatReport(problems.items);
  } catch (error) {
    internal++;
    report = error instanceof Error ? `${error.stack}` : String(error);
  }
  slowest = Math.max(slowest, performance.now() - t);
  tried++;
  if (problems.errors.length > 0) withErrors++;
  problemsReported += problems.items.length;
  const bug = problems.items.some((p) => p.code === 'TQ900');
  if (bug) internal++;
  const trace = STACK_TRACE.test(report);
  if (trace) traces++;
  if (bug || trace || report.includes('Error:')) writeFileSync(path.join(failures, `input-${tried}.md`), input);
}
const secondsUsed = ((performance.now() - started) / 1000).toFixed(0);
console.log(`fuzz: seed ${seed}, ${secondsUsed} s, mutations of ${values.case}`);
console.log(`  inputs tried:      ${tried}`);
console.log(`  with errors:       ${withErrors} (${problemsReported} problems reported in all)`);
console.log(`  internal errors:   ${internal}   (must be 0)`);
console.log(`  stack traces:      ${traces}   (must be 0)`);
console.log(`  slowest input:     ${Math.round(slowest)} ms`);
if (internal > 0 || traces > 0) console.log(`  failing inputs in ${failures}`);
process.exitCode = internal > 0 || traces > 0 ? 1 : 0;
