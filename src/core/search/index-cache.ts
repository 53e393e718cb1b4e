import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { linkOrCopy } from '../link-file.ts';
import { replaceFile } from '../replace-file.ts';

/**
 * Pagefind bundles kept from earlier builds, one folder per digest of everything the bundle is made of (every
 * page Pagefind reads, byte for byte, with its path; Pagefind's version and options): a build whose pages have
 * the same digest copies the bundle instead of indexing again. A folder is written under a temporary name and
 * renamed into place, so a build running beside another never restores half a bundle.
 */
export class IndexCache {
  readonly dir: string;
  /**
   * How many bundles stay kept, newest (made or restored) first: the current one, the one before it (an edit
   * undone restores it), and one more for builds of other content sharing the cache (tests, `--outDir` builds);
   * times the number of shards when the index comes in shards.
   */
  keep: number;

  constructor(dir: string, keep = 3) {
    this.dir = dir;
    this.keep = keep;
  }

  /** The key of an index: what it is built with (Pagefind's version and options) and the digest of the pages it reads. */
  static key(settings: string, pagesDigest: string): string {
    return createHash('sha256').update(settings).update('\0').update(pagesDigest).digest('hex');
  }

  /**
   * Copies the bundle kept for `digest` to `target` (replacing it); false when there is none (or another build pruned
   * it meanwhile), or when its files are not those it was kept with (a cache restored damaged: one truncated, missing
   * or added), which are then dropped so the bundle is made again.
   */
  restore(digest: string, target: string): boolean {
    const kept = path.join(this.dir, digest);
    if (!existsSync(kept)) return false;
    if (!isWhole(kept, this.#listing(digest))) {
      this.drop(digest);
      return false;
    }
    rmSync(target, { recursive: true, force: true });
    try {
      linkTree(kept, target);
      const now = new Date();
      utimesSync(kept, now, now); // in use again: the newest, last to be pruned
      return true;
    } catch {
      rmSync(target, { recursive: true, force: true });
      return false;
    }
  }

  /** Keeps a copy of the bundle at `source` under `digest`, and drops all but the `keep` newest others. */
  save(digest: string, source: string): void {
    mkdirSync(this.dir, { recursive: true });
    const kept = path.join(this.dir, digest);
    if (!existsSync(kept)) {
      const temporary = path.join(this.dir, `.${digest}.${process.pid}`);
      linkTree(source, temporary);
      // The list first: a bundle in place is never without it (a list without its bundle is pruned).
      const listing = this.#listing(digest);
      replaceFile(listing, JSON.stringify(listFiles(temporary)));
      try {
        renameSync(temporary, kept);
      } catch {
        rmSync(temporary, { recursive: true, force: true }); // another build kept the same bundle first
      }
    }
    this.prune(digest);
  }

  /** Drops the bundle kept for `digest` (damaged), and its list. */
  drop(digest: string): void {
    rmSync(path.join(this.dir, digest), { recursive: true, force: true });
    rmSync(this.#listing(digest), { recursive: true, force: true });
  }

  /**
   * The list of a kept bundle's files, beside it (`<digest>.files.json`): inside, an older tahqiq restoring the
   * bundle would publish it with the index.
   */
  #listing(digest: string): string {
    return path.join(this.dir, `${digest}${LISTING}`);
  }

  private prune(current: string): void {
    const others = readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== current)
      .map((e) => e.name);
    // Names are digests, not dates: keep the newest by modification time.
    const byAge = others.map((name) => ({ name, time: statSync(path.join(this.dir, name)).mtimeMs })).sort((a, b) => b.time - a.time);
    for (const { name } of byAge.slice(Math.max(0, this.keep - 1))) this.drop(name);
    // Lists left without their bundle (a build stopped between the two).
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith(LISTING) && !name.startsWith('.') && !existsSync(path.join(this.dir, name.slice(0, -LISTING.length)))) rmSync(path.join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/** The end of the name of a kept bundle's list of its files, beside its folder. */
const LISTING = '.files.json';

/** Every file under `dir`, by path (with `/`), with its size in bytes. */
function listFiles(dir: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file).split(path.sep).join('/')] = statSync(file).size;
  }
  return files;
}

/** Whether a kept bundle holds exactly the files, of the sizes, its list gives (no list: kept by an older version). */
function isWhole(kept: string, listing: string): boolean {
  try {
    const listed = JSON.parse(readFileSync(listing, 'utf8')) as Record<string, number>;
    const found = listFiles(kept);
    const names = Object.keys(listed);
    return names.length === Object.keys(found).length && names.every((name) => found[name] === listed[name]);
  } catch {
    return false;
  }
}

/**
 * Puts every file of `from` at the same place under `to` as a hard link (linkOrCopy: a copy where links are
 * refused, e.g. across file systems). A bundle's files are never written again once Pagefind wrote them, so the kept bundle
 * and the site's can share them: at 4,000 cases copying the bundle took 2.7 s of a rebuild.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else linkOrCopy(source, target);
  }
}
