import path from 'node:path';
import { bytesSha256 } from './case-digest.ts';
import { fileIdentity, fileStats, readIdentified, SETTLED_NS, settledIdentity } from './file-identity.ts';
import { readJsonStore, writeJsonStore } from './json-store.ts';

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
  constructor(root: string, store: string, options: { settledNs?: bigint | undefined } = {}) {
    this.#root = root;
    this.#store = store;
    this.#settledNs = options.settledNs ?? SETTLED_NS;
    const stored = readJsonStore(store);
    this.#before = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Known) : {};
  }

  /** The SHA-256 of `file` (relative to the root, or absolute), or undefined when it cannot be read. */
  sha256(file: string): string | undefined {
    const name = this.#name(file);
    const stats = fileStats(path.resolve(this.#root, name));
    if (!stats) return undefined;
    const known = this.#before[name];
    if (known?.[0] === fileIdentity(stats)) {
      this.#next[name] = known;
      return known[1];
    }
    let read;
    try {
      read = readIdentified(path.resolve(this.#root, name));
    } catch {
      return undefined;
    }
    this.#read++;
    const sha256 = bytesSha256(read.bytes);
    // Remembered only when the file did not change while it was read, and not just before.
    const identity = settledIdentity(read, this.#settledNs);
    if (identity) this.#next[name] = [identity, sha256];
    return sha256;
  }

  /**
   * Remembers the digest of a file read elsewhere (a verification worker read it anyway), under the identity that
   * read found (readIdentified: undefined when it may not be remembered).
   */
  learn(file: string, identity: string | undefined, sha256: string): void {
    if (identity) this.#next[this.#name(file)] = [identity, sha256];
  }

  #name(file: string): string {
    return path.relative(this.#root, path.resolve(this.#root, file));
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
