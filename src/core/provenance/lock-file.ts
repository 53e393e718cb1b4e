import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lockedSourceSchema, type SourcesLock } from '../../schemas/sources-lock.ts';
import { offsetToPoint } from '../messages.ts';
import type { ProblemList } from '../problems.ts';

/** Where the lock lives, relative to the project root (kept in git). */
export const DEFAULT_LOCK_FILE = 'content/sources.lock.json';

export function emptyLock(): SourcesLock {
  return { version: 1, cases: {} };
}

/**
 * Reads the lock. A missing file is an empty lock (every case then reports TQ604); an unreadable one is TQ605 at
 * its line:column, and treated as empty so the rest of the check runs. Only the entries of the cases in `only`
 * (all when omitted) are validated: checking one case of a 4,000-case archive does not validate the other 3,999.
 * An invalid entry is reported (TQ605) and left out.
 */
export async function readLock(root: string, lockFile: string, problems: ProblemList, only?: Iterable<string>): Promise<{ lock: SourcesLock; exists: boolean; valid: boolean }> {
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
  const top = data as { version?: unknown; cases?: unknown };
  if (typeof data !== 'object' || data === null || Array.isArray(data) || top.version !== 1 || typeof top.cases !== 'object' || top.cases === null || Array.isArray(top.cases)) {
    problems.add('lockInvalid', shown, { line: 1, column: 1 }, `Unexpected content in \`${shown}\`, expected \`{ "version": 1, "cases": { … } }\``);
    return { lock: emptyLock(), exists: true, valid: false };
  }
  const raw = top.cases as Record<string, unknown>;
  const lock: SourcesLock = { version: 1, cases: {} };
  let valid = true;
  const wanted = only ? new Set(only) : undefined;
  for (const file of Object.keys(raw)) {
    if (wanted && !wanted.has(file)) {
      // Not checked in this run: carried through unread, so `--accept` on one case writes the others back as they were.
      lock.cases[file] = raw[file] as SourcesLock['cases'][string];
      continue;
    }
    const entry = raw[file] as { sources?: unknown } | null;
    const sources = entry && typeof entry === 'object' && entry.sources && typeof entry.sources === 'object' ? (entry.sources as Record<string, unknown>) : undefined;
    const parsed = sources && Object.keys(entry!).length === 1
      ? Object.entries(sources).map(([doc, value]) => [doc, lockedSourceSchema.safeParse(value)] as const)
      : undefined;
    const bad = parsed ? parsed.find(([, r]) => !r.success) : undefined;
    if (!parsed || bad) {
      valid = false;
      const where = bad ? `${file} → ${bad[0]}` : file;
      const why = bad && !bad[1].success ? `: ${bad[1].error.issues[0]?.path.join('.') ?? ''} ${bad[1].error.issues[0]?.message ?? ''}` : ', expected `{ "sources": { … } }`';
      problems.add('lockInvalid', shown, offsetToPoint(text, Math.max(0, text.indexOf(JSON.stringify(file))), { line: 1, column: 1 }), `Unexpected entry for \`${where}\` in \`${shown}\`${why}`);
      continue;
    }
    lock.cases[file] = { sources: Object.fromEntries(parsed.map(([doc, r]) => [doc, r.data!])) };
  }
  return { lock, exists: true, valid };
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
