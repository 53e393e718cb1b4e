import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseHistory } from '../../schemas/history.ts';
import { caseParser, parseCaseMarkdown } from '../parse-case-markdown.ts';
import { prepareMarkdown } from '../prepare-markdown.ts';
import { ProblemList, type Point } from '../problems.ts';
import { readFrontmatter } from '../read-frontmatter.ts';
import { namesCommit } from './public-reasons.ts';

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
  const unused = options.revisions.filter((key) => !changed.some(([commit]) => namesCommit(key, commit)));
  if (unused.length === 0) return;
  const placeOf = keyPlaces(path.join(options.root, file));
  const named = changed.slice(-NAMED).reverse().map(([commit, date]) => `\`${commit.slice(0, 7)}\` (${date})`);
  const listed = named.length === 0
    ? 'no commit of this file has changed a claim yet'
    : `the commits of this file that changed claims are ${named.join(', ')}${changed.length > NAMED ? ` and ${changed.length - NAMED} earlier` : ''}`;
  for (const key of unused) {
    options.problems.add('unusedRevision', file, placeOf(key),
      `Unexpected commit \`${key}\` in \`revisions\`: it is not a commit of this file that changed a claim, so readers never see its reason; ${listed}`);
  }
}

/**
 * Where each key is written, by the parse every case file goes through (its frontmatter read as the build reads it:
 * any line ending, a flow map, a hash of digits), or line 1 when the file cannot be read now. Only for a file with a
 * key to report: most files have none.
 */
function keyPlaces(file: string): (key: string) => Point {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return () => ({ line: 1, column: 1 });
  }
  const root = parseCaseMarkdown(prepareMarkdown(text, file, new ProblemList()));
  caseParser.runSync(root);
  const { placeOf } = readFrontmatter(root, file, new ProblemList());
  return (key) => placeOf?.(['revisions', key]) ?? { line: 1, column: 1 };
}
