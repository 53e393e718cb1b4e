#!/usr/bin/env node
/**
 * `npm run check`: verifies every case file against its source and prints all
 * problems as `file:line:column  severity  message  [code]` with a hint.
 * Exits 1 when there is any error, 2 when a file hit an internal error (a bug), 0 otherwise. Runs before `astro build`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CASES_DIR, loadCases } from '../core/load-cases.ts';
import { hasInternalError } from '../core/internal-error.ts';
import { formatReport } from '../core/problems.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: process.cwd() },
    cases: { type: 'string', default: process.env['TAHQIQ_CASES_DIR'] ?? DEFAULT_CASES_DIR },
    json: { type: 'boolean', default: false },
  },
});

try {
  const root = path.resolve(values.root);
  const { cases, problems, files } = await loadCases(root, values.cases);
  if (values.json) {
    console.log(JSON.stringify({ files, cases: cases.map((c) => ({ id: c.id, claims: c.claims.length, tally: c.tally })), problems: problems.items }, null, 2));
  } else {
    const claims = cases.reduce((n, c) => n + c.claims.length, 0);
    const report = formatReport(problems.items);
    const stream = problems.errors.length ? process.stderr : process.stdout;
    stream.write(`tahqiq: checked ${files.length} case file${files.length === 1 ? '' : 's'}, ${claims} claims verified\n${report}\n`);
  }
  process.exitCode = hasInternalError(problems) ? 2 : problems.errors.length ? 1 : 0;
} catch (error) {
  // Not a content problem: a bug or an unreadable folder. Say so briefly.
  console.error(`tahqiq: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report it with the command you ran.`);
  process.exitCode = 2;
}
