import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileIdentity } from '../core/file-identity.ts';
import { readJsonStore, writeJsonStore } from '../core/json-store.ts';
import { pageHash, type FinalPage } from './built-pages.ts';

/** What the security headers learn of a finished page: its policy, and what the search index needs of it. */
export interface PagePolicy extends FinalPage {
  policy: string;
}

/** A page file's identity (file-identity.ts). */
const pageIdentity = (file: string) => fileIdentity(statSync(file, { bigint: true }));

interface Stored {
  digest: string;
  pages: Record<string, [identity: string, policy: PagePolicy]>;
}

/**
 * Each finished page's policy, kept from one build to the next by the page file's identity. A page the incremental
 * build did not render again is the last build's file, left in the output folder (previous-output.ts): the same
 * file, unwritten since (device, inode, size, mtime and ctime), so its policy is not read and hashed again (at 4,000 cases, 375 MB of
 * pages a build). A page with another identity is read: when its bytes are those the policy was taken of (SHA-1, as
 * the search index keys pages), the policy stands; otherwise it is made again. Kept only while the
 * rest of the build is the same (`digest`, build-digest.ts), and never taken in a forced build.
 */
export class PagePolicies {
  readonly #file: string;
  readonly #digest: string;
  readonly #previous: Stored['pages'];
  readonly #next: Stored['pages'] = Object.create(null) as Stored['pages'];
  /** Pages whose policy was taken from the last build. */
  reused = 0;
  /** Of those, the pages read to find it (another identity, the same bytes). */
  reread = 0;

  constructor(dir: string, digest: string, reuse: boolean) {
    this.#file = path.join(dir, 'tahqiq-page-policies.json');
    this.#digest = digest;
    let previous = Object.create(null) as Stored['pages'];
    // A first build, or the cache was cleared: every page is read.
    const stored = reuse ? (readJsonStore(this.#file) as Stored | undefined) : undefined;
    if (stored?.digest === digest && stored.pages && typeof stored.pages === 'object') previous = Object.assign(previous, stored.pages);
    this.#previous = previous;
  }

  /**
   * The policy of `page` (its path in the output folder) at `file`: kept when the file is the one it was taken of, or
   * holds the same bytes (a copy: Astro's own cache, or another checkout); otherwise made by `complete` from the
   * page's bytes, and kept for next time.
   */
  of(page: string, file: string, complete: (bytes: Buffer) => PagePolicy): PagePolicy {
    const identity = pageIdentity(file);
    const kept = this.#previous[page];
    if (kept && kept[0] === identity) return this.#reuse(page, identity, kept[1]);
    const bytes = readFileSync(file);
    if (kept && kept[1].hash === pageHash(bytes)) {
      this.reread++;
      return this.#reuse(page, identity, kept[1]);
    }
    const made = complete(bytes);
    // Taken after `complete`, which may have written the page.
    this.#next[page] = [pageIdentity(file), made];
    return made;
  }

  #reuse(page: string, identity: string, policy: PagePolicy): PagePolicy {
    this.reused++;
    this.#next[page] = [identity, policy];
    return policy;
  }

  /** Keeps this build's policies (under a temporary name, then renamed). A cache that cannot be written only means a slower next build. */
  save(): void {
    writeJsonStore(this.#file, { digest: this.#digest, pages: this.#next } satisfies Stored);
  }
}
