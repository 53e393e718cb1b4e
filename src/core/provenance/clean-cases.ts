import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileSha256 } from '../case-digest.ts';
import { fileIdentity, fileStats } from '../file-identity.ts';
import { readJsonStore, writeJsonStore } from '../json-store.ts';

/**
 * The cases the last build found clean against the source lock (no problem of any kind: every locked source's
 * fingerprint as recorded, every passage as recorded, no example claim), so a rebuild neither reads the lock
 * (tens of MB at thousands of cases) nor checks them again while nothing they depend on has changed:
 * - the lock holds the same bytes: the same file, unwritten since (`fileIdentity`: device, inode, size, mtime and ctime in
 *   nanoseconds, as for the lock's index, lock-index.ts), or else the same SHA-256 (a fresh checkout in CI, with the
 *   cache restored); any other edit or `--accept` makes every case checked again;
 * - the tool is the same (its digest covers this check's own code);
 * - the case's key is the same (it changes with the case file, each source it read and the tool), and so are the
 *   fingerprints of its documents, which cover every source its lock entry records (a case whose entry records a
 *   source it no longer reads is not remembered).
 * A case with any problem, or without a lock entry, is never remembered: its problems are reported on every build.
 * Kept in the project's cache beside the lock's index; a cache that cannot be read or written only means a slower build.
 */
export interface CleanCase {
  /** The case's key in the verified-case cache when it was checked. */
  key: string;
  /** Source document path → SHA-256, as the case read them when it was checked. */
  documents: Record<string, string>;
}

/** Which lock the cases were found clean against: the file's identity when read, and its bytes' SHA-256. */
interface LockVersion {
  identity: string;
  sha256: string;
}

interface Stored {
  lock: LockVersion;
  tool: string;
  cases: Record<string, CleanCase>;
}

function storeFile(dir: string, lockPath: string): string {
  return path.join(dir, `provenance-clean-${createHash('sha256').update(lockPath).digest('hex').slice(0, 16)}.json`);
}

const sameDocuments = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

const identityOf = (lockPath: string) => {
  const stats = fileStats(lockPath);
  return stats && fileIdentity(stats);
};

export class CleanCases {
  readonly #dir: string;
  readonly #lockPath: string;
  readonly #tool: string;
  /** The lock file's identity before this build checked anything; undefined when there is no lock. */
  readonly #identity: string | undefined;
  #sha256: string | undefined;
  readonly #known: Record<string, CleanCase> = Object.create(null) as Record<string, CleanCase>;

  /**
   * The cases the last build stored as clean for this lock and this tool (none with `reuse` false: a fresh build
   * checks every case, and stores what it finds for the next).
   */
  constructor(dir: string, lockPath: string, tool: string, reuse: boolean) {
    this.#dir = dir;
    this.#lockPath = lockPath;
    this.#tool = tool;
    this.#identity = identityOf(lockPath);
    if (!reuse || !this.#identity) return;
    // No store yet, or unreadable: check every case.
    const stored = readJsonStore(storeFile(dir, lockPath)) as Stored | undefined;
    if (!stored || stored.tool !== tool || !stored.lock || typeof stored.cases !== 'object' || stored.cases === null) return;
    if (stored.lock.identity !== this.#identity) {
      this.#sha256 = fileSha256(lockPath);
      if (stored.lock.sha256 !== this.#sha256) return;
    } else this.#sha256 = stored.lock.sha256;
    Object.assign(this.#known, stored.cases);
  }

  /** Whether `file` was found clean with this key and these documents. */
  has(file: string, clean: CleanCase): boolean {
    const known = this.#known[file];
    return known !== undefined && known.key === clean.key && sameDocuments(known.documents, clean.documents);
  }

  /**
   * Stores exactly these cases as clean for the next build, unless the lock was written while they were checked.
   * Written under a temporary name, then renamed; never throws (a cache that cannot be written only means a slower build).
   */
  save(cases: Record<string, CleanCase>): void {
    if (!this.#identity || identityOf(this.#lockPath) !== this.#identity) return;
    const sha256 = (this.#sha256 ??= fileSha256(this.#lockPath));
    if (!sha256 || identityOf(this.#lockPath) !== this.#identity) return;
    writeJsonStore(storeFile(this.#dir, this.#lockPath), { lock: { identity: this.#identity, sha256 }, tool: this.#tool, cases } satisfies Stored);
  }
}
