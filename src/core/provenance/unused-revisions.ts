import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseHistory } from '../../schemas/history.ts';
import { isMap, isScalar, parseDocument } from 'yaml';
import { offsetToPoint } from '../messages.ts';
import type { Point, ProblemList } from '../problems.ts';

/** How many of the file's revisions that changed claims a message names. */
const NAMED = 5;

/**
 * The commits a case file's `revisions` gives a reason for (by hash prefix) that its history does not list: a hash
 * mistyped, or rewritten by a rebase or a squash merge, or a commit that changed no claim. Readers never see that
 * reason, and the commit's own subject stays on the page where there is one: each is reported (TQ607) at its key.
 * Only with the file's whole history: in a shallow clone an older commit is missing from the history, not wrong.
 */
export function reportUnusedRevisions(options: {
  root: string;
  /** Case file path from the project root. */
  file: string;
  revisions: readonly string[];
  history: CaseHistory;
  problems: ProblemList;
}): void {
  const { file, history } = options;
  if (history.partial) return;
  // Oldest first: the commits that changed claims, each once.
  const changes = history.claims.flatMap((c) => c.changes).sort((a, b) => (a.time ?? a.date).localeCompare(b.time ?? b.date));
  const changed = [...new Map(changes.map((c) => [c.commit, c.date])).entries()];
  const unused = options.revisions.filter((key) => !changed.some(([commit]) => commit.startsWith(key.toLowerCase())));
  if (unused.length === 0) return;
  const text = readText(path.join(options.root, file));
  const named = changed.slice(-NAMED).reverse().map(([commit, date]) => `\`${commit.slice(0, 7)}\` (${date})`);
  const listed = named.length === 0
    ? 'no commit of this file has changed a claim yet'
    : `the commits of this file that changed claims are ${named.join(', ')}${changed.length > NAMED ? ` and ${changed.length - NAMED} earlier` : ''}`;
  for (const key of unused) {
    options.problems.add('unusedRevision', file, keyPlace(text, key),
      `Unexpected commit \`${key}\` in \`revisions\`: it is not a commit of this file that changed a claim, so readers never see its reason; ${listed}`);
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The key's place in the frontmatter, as YAML reads it (a key in a flow map, `revisions: {3f2a9c1: …}`, too), or line
 * 1 when it cannot be found. Lines end as the core reads them: LF, CRLF or CR alone.
 */
function keyPlace(text: string, key: string): Point {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const end = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line));
  if (!/^---[ \t]*$/.test(lines[0] ?? '') || end < 0) return { line: 1, column: 1 };
  const yamlText = lines.slice(1, end).join('\n');
  const revisions = parseDocument(yamlText, { logLevel: 'silent' }).get('revisions', true);
  if (!isMap(revisions)) return { line: 1, column: 1 };
  const wanted = key.toLowerCase();
  for (const pair of revisions.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const written = pair.key.type === 'PLAIN' && typeof pair.key.source === 'string' ? pair.key.source : String(pair.key.value);
    if (written.toLowerCase() === wanted) return offsetToPoint(yamlText, pair.key.range[0], { line: 2, column: 1 });
  }
  return { line: 1, column: 1 };
}
