import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { replaceFile } from './replace-file.ts';

/**
 * The caches a build keeps between runs (file digests, clean cases, the lock's index, page policies) are JSON files
 * that may be missing, unreadable or half-written by a stopped run: losing one only means a slower next run.
 */

/** The parsed JSON of `file`; undefined when it is missing or not JSON. */
export function readJsonStore(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON to `file`, under a temporary name then renamed (a reader never sees half a file). Never throws. */
export function writeJsonStore(file: string, value: unknown): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    replaceFile(file, JSON.stringify(value));
  } catch {
    // Read-only or missing cache folder: the next run does the work again.
  }
}
