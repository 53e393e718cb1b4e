import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileIdentity, fileStats } from './file-identity.ts';

/**
 * A file changed this recently (ctime) is hashed again next time: its time stamps may not move for a write that
 * follows within the file system's clock tick (git's "racy" files).
 */
const SETTLED_NS = 2_000_000_000n;

/**
 * SHA-256 digests of files, remembered from one run to the next by each file's identity (`fileIdentity`): a file
 * that is the same file, unwritten since, is not read again. Any write changes the change time (ctime), which no
 * tool can set back, so a file edited in place, replaced, or restored with its old modification time is read
 * again, as is every file in a fresh checkout (new inodes). A store that cannot be read or written only means
 * reading every file. Paths are kept relative to `root`.
 */
export class FileDigests {
  readonly #root: string;
  readonly #store: string;
  readonly #before: Record<string, [identity: string, sha256: string]>;
  readonly #next: Record<string, [identity: string, sha256: string]> = {};
  readonly #settledNs: bigint;
  #read = 0;

  /** `settledNs`: how long ago a file must have last changed for its digest to be remembered (tests set 0). */
  constructor(root: string, store: string, options: { settledNs?: bigint } = {}) {
    this.#root = root;
    this.#store = store;
    this.#settledNs = options.settledNs ?? SETTLED_NS;
    let before = {};
    try {
      const stored = JSON.parse(readFileSync(store, 'utf8')) as unknown;
      if (stored && typeof stored === 'object' && !Array.isArray(stored)) before = stored;
    } catch {
      // a first run, or the cache was cleared
    }
    this.#before = before;
  }

  /** The SHA-256 of `file` (relative to the root, or absolute), or undefined when it cannot be read. */
  sha256(file: string): string | undefined {
    const full = path.resolve(this.#root, file);
    const name = path.relative(this.#root, full);
    const stats = fileStats(full);
    if (!stats) return undefined;
    const identity = fileIdentity(stats);
    const known = this.#before[name];
    if (known?.[0] === identity) {
      this.#next[name] = known;
      return known[1];
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch {
      return undefined;
    }
    this.#read++;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const now = BigInt(Date.now()) * 1_000_000n;
    // Remembered only when the file did not change while it was read, and not just before.
    const after = fileStats(full);
    if (after && fileIdentity(after) === identity && now - stats.ctimeNs >= this.#settledNs) this.#next[name] = [identity, sha256];
    return sha256;
  }

  /** How many files were read (not known by their identity) so far. */
  get read(): number {
    return this.#read;
  }

  /** Stores the digests used in this run (those of files no longer asked for are dropped), when they changed; atomic. */
  save(): void {
    const names = Object.keys(this.#next);
    if (names.length === Object.keys(this.#before).length && names.every((name) => this.#before[name] === this.#next[name])) return;
    try {
      mkdirSync(path.dirname(this.#store), { recursive: true });
      const partial = `${this.#store}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(this.#next));
      renameSync(partial, this.#store);
    } catch {
      // the next run reads the files again
    }
  }
}
