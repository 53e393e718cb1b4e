import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sourcesLockSchema, type SourcesLock } from '../../schemas/sources-lock.ts';
import { offsetToPoint } from '../messages.ts';
import type { ProblemList } from '../problems.ts';

/** Where the lock lives, relative to the project root (kept in git). */
export const DEFAULT_LOCK_FILE = 'content/sources.lock.json';

export function emptyLock(): SourcesLock {
  return { version: 1, cases: {} };
}

/**
 * Reads the lock. A missing file is an empty lock (every case then reports TQ604);
 * an unreadable one is TQ605 at its line:column, and treated as empty so the rest of the check runs.
 */
export async function readLock(root: string, lockFile: string, problems: ProblemList): Promise<{ lock: SourcesLock; exists: boolean; valid: boolean }> {
  const shown = path.relative(root, path.resolve(root, lockFile)).split(path.sep).join('/');
  let text: string;
  try {
    text = await readFile(path.resolve(root, lockFile), 'utf8');
  } catch {
    return { lock: emptyLock(), exists: false, valid: true };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const place = at ? offsetToPoint(text, Number(at[1]), { line: 1, column: 1 }) : { line: 1, column: 1 };
    problems.add('lockInvalid', shown, place, `Unexpected JSON in \`${shown}\`: ${message.replace(/ in JSON at position.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`);
    return { lock: emptyLock(), exists: true, valid: false };
  }
  const result = sourcesLockSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues.slice(0, 5)) {
      problems.add('lockInvalid', shown, { line: 1, column: 1 }, `Unexpected value at \`${issue.path.join('.') || '(top)'}\` in \`${shown}\`: ${issue.message}`);
    }
    return { lock: emptyLock(), exists: true, valid: false };
  }
  return { lock: result.data, exists: true, valid: true };
}

/** The lock as written to disk: cases and sources sorted by path (claims keep case order), two-space JSON, final newline. */
export function serializeLock(lock: SourcesLock): string {
  const cases = Object.fromEntries(
    Object.keys(lock.cases).sort().map((file) => {
      const sources = lock.cases[file]!.sources;
      return [file, { sources: Object.fromEntries(Object.keys(sources).sort().map((doc) => [doc, sources[doc]!])) }];
    }),
  );
  return `${JSON.stringify({ version: 1, cases }, null, 2)}\n`;
}

export async function writeLock(root: string, lockFile: string, lock: SourcesLock): Promise<void> {
  await writeFile(path.resolve(root, lockFile), serializeLock(lock));
}
