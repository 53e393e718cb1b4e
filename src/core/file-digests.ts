import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bytesSha256 } from './case-digest.ts';
import { fileIdentity, fileStats } from './file-identity.ts';
import { readJsonStore, writeJsonStore } from './json-store.ts';

/**
 * A file changed this recently (ctime) is hashed again next time: its time stamps may not move for a write that
 * follows within the file system's clock tick (git's "racy" files).
 */
const SETTLED_NS = 2_000_000_000n;

/** File path (relative to the root) → its identity and SHA-256 when it was read. */
type Known = Record<string, [identity: string, sha256: string]>;

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
  readonly #before: Known;
  readonly #next: Known = {};
  readonly #settledNs: bigint;
  #read = 0;

  /** `settledNs`: how long ago a file must have last changed for its digest to be remembered (tests set 0). */
  constructor(root: string, store: string, options: { settledNs?: bigint } = {}) {
    this.#root = root;
    this.#store = store;
    this.#settledNs = options.settledNs ?? SETTLED_NS;
    const stored = readJsonStore(store);
    this.#before = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Known) : {};
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
    const sha256 = bytesSha256(bytes);
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
    writeJsonStore(this.#store, this.#next);
  }
}
