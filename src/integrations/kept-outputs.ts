import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { readJsonStore } from '../core/json-store.ts';
import { linkOrCopy } from '../core/link-file.ts';
import { replaceFile } from '../core/replace-file.ts';

/** A kept copy: its name under `files/`, its size and modification time when it was kept, and the file it is (device, inode). */
type Copy = [name: string, size: number, mtimeMs: number, dev?: number, ino?: number];

interface Manifest {
  /** What every output depends on besides its own key (see `buildDigest` in direct-outputs.ts). */
  digest: string;
  copies: Record<string, Copy>;
}

function readManifest(file: string): Manifest {
  // Nothing stored on a first build, or after the cache was cleared.
  const read = (readJsonStore(file) ?? {}) as Partial<Manifest>;
  return { digest: typeof read.digest === 'string' ? read.digest : '', copies: read.copies && typeof read.copies === 'object' ? read.copies : {} };
}

/** Where the direct-outputs integration keeps its copies, under Astro's cache folder. */
export function keptOutputsDir(cacheDir: string): string {
  return path.join(cacheDir, 'tahqiq-direct-outputs');
}

/** The files (paths under the output folder) the last finished build published from this store, or made and kept. */
export function lastBuildOutputs(dir: string): string[] {
  return Object.keys(readManifest(path.join(dir, 'manifest.json')).copies).filter((file) => !file.endsWith('\0next'));
}

/**
 * A kept copy's name: the output's path as one file name (`cases%2Fdumayr-raid%2Fsources%2Fap.txt.<key hash>`), so
 * every copy is in the one folder `files/`. A folder per case, as the output has, cost two more new folders per case
 * in a cold build (0.2–1.1 ms each on the 2-core machine, beside the search index's writes).
 */
const copyName = (file: string, key: string) => `${encodeURIComponent(file)}.${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;

/** The stats of `file` itself (not of what a link points to); undefined when there is none. */
function statsOf(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Whether `found` is the kept copy as it was kept: the same file (a hard link of it), not changed since. */
const isCopy = (found: Stats | undefined, copy: Copy) => found !== undefined && found.dev === copy[3] && found.ino === copy[4] && found.size === copy[1] && found.mtimeMs === copy[2];

/**
 * The outputs of the last build, kept in a cache folder to be published again while unchanged:
 * `files/<path>.<digest of its key>`, so a copy is only ever taken for the key it was made under.
 *
 * A copy is published as a hard link (no data copied; a plain copy where links are not possible). It is taken only
 * when the rest of the build is the same (`digest`), and only if its size and modification time are still those it
 * was kept with: a published file changed in place (which, linked, changes the copy) is made again, not reused.
 * `manifest.json` lists every copy; until a build ends it lists the copies of both builds, so a build stopped midway
 * leaves none unlisted, and each build removes the copies it does not use.
 */
export class KeptOutputs {
  readonly #dir: string;
  readonly #manifest: string;
  readonly #previous: Manifest;
  readonly #next: Manifest;
  readonly #made = new Set<string>();
  /** Files copied because hard links were refused (the cache and the output folder on different file systems). */
  copied = 0;

  /** `reuse` false: take no copy (a forced build), but keep this build's for the next. */
  constructor(dir: string, digest: string, files: Iterable<[file: string, key: string]>, reuse = true) {
    this.#dir = dir;
    this.#manifest = path.join(dir, 'manifest.json');
    this.#previous = readManifest(this.#manifest);
    this.#next = { digest, copies: {} };
    const usable = reuse && this.#previous.digest === digest;
    const planned: Record<string, Copy> = {};
    for (const [file, key] of files) {
      const name = copyName(file, key);
      const before = this.#previous.copies[file];
      // Same key, same build: the kept copy stands (still checked for a change in place when published).
      if (usable && before?.[0] === name) this.#next.copies[file] = before;
      // A copy this build may make under a name the manifest does not list yet.
      else planned[`${file}\0next`] = [name, 0, 0];
    }
    mkdirSync(dir, { recursive: true });
    // Listed before any is made (a copy made again under a listed name replaces it: nothing to add).
    if (Object.keys(planned).length > 0 || this.#previous.digest !== digest) {
      replaceFile(this.#manifest, JSON.stringify({ ...this.#previous, copies: { ...this.#previous.copies, ...planned } }));
    }
  }

  #ensureDir(dir: string): void {
    if (this.#made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#made.add(dir);
  }

  /** Publishes the kept copy of `file` at `target`; false when there is none to take (make it, then `keep` it). */
  publish(file: string, target: string): boolean {
    const copy = this.#next.copies[file];
    if (!copy) return false;
    // Left in place by previous-output.ts: the published file is the kept copy itself, unchanged (one lstat).
    const placed = statsOf(target);
    if (isCopy(placed, copy)) return true;
    const kept = path.join(this.#dir, 'files', copy[0]);
    const now = statsOf(kept);
    if (!now || now.size !== copy[1] || now.mtimeMs !== copy[2]) return false;
    // Recorded from now on (a copy kept before copies recorded them), so the next build takes the one-lstat way.
    [copy[3], copy[4]] = [now.dev, now.ino];
    if (placed && placed.dev === now.dev && placed.ino === now.ino) return true;
    this.#ensureDir(path.dirname(target));
    this.#place(kept, target);
    return true;
  }

  /** Keeps the file just written at `target` as the copy of `file` under `key`. */
  keep(file: string, key: string, target: string): void {
    const name = copyName(file, key);
    const kept = path.join(this.#dir, 'files', name);
    this.#ensureDir(path.dirname(kept));
    this.#place(target, kept);
    const { size, mtimeMs, dev, ino } = statSync(kept);
    this.#next.copies[file] = [name, size, mtimeMs, dev, ino];
  }

  #place(from: string, to: string): void {
    if (!linkOrCopy(from, to)) this.copied++;
  }

  /** Removes the copies no output of this build uses, and lists this build's. */
  finish(): void {
    const used = new Set(Object.values(this.#next.copies).map(([name]) => name));
    for (const [name] of Object.values(this.#previous.copies)) if (!used.has(name)) rmSync(path.join(this.#dir, 'files', name), { force: true });
    replaceFile(this.#manifest, JSON.stringify(this.#next));
  }
}
