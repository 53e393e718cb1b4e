import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { siteBase, withoutBase } from './site-base.ts';

/** An image a page shows from the site itself (`![…](/images/chart.png)`): its address as written, and where. */
export interface SiteImage {
  url: string;
  place: Point;
}

/**
 * The file under `public/` that a site-root address names, from the project root (`/images/a%20b.png?v=2` is
 * `public/images/a b.png`; on a site served under `base`, `/tahqiq/images/x.png` is `public/images/x.png` too), or
 * undefined when it names none: the root itself, an escape that does not decode.
 */
export function publicFileOf(url: string, base = '/'): string | undefined {
  let decoded: string;
  try {
    // A `%` not starting an escape is sent as `%25` (the page's HTML encodes it so): `/images/100%.png` is `100%.png`.
    decoded = decodeURIComponent(withoutBase(url.trim(), base).replace(/[?#].*$/s, '').replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    return undefined;
  }
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative === '.' || relative.startsWith('../') || relative === '..') return undefined;
  return `${PUBLIC_DIR}/${relative}`;
}

/** The site's own files, published as they are (images, the favicon): a folder of the project root. */
export const PUBLIC_DIR = 'public';

/**
 * The files under `public/` as one run sees them: whether an image's file is there, each folder listed once per run
 * (an archive of cases that show images asks for thousands of files in the same few folders).
 */
export class PublicFiles {
  readonly #root: string;
  readonly #base: string;
  readonly #listings = new Map<string, Set<string> | undefined>();

  constructor(root: string, base = '/') {
    this.#root = root;
    this.#base = base;
  }

  /**
   * Whether every image is a file under `public/` now: checked on every run, a case kept from an earlier run included
   * (an image deleted or renamed since breaks the page without any change to the case file).
   */
  allPresent(images: readonly SiteImage[] | undefined): boolean {
    return (images ?? []).every((image) => this.#isFile(publicFileOf(image.url, this.#base)));
  }

  /** Reports each image that names no file under `public/` (TQ125), at its place in `file`. */
  report(file: string, images: readonly SiteImage[], problems: ProblemList): void {
    for (const image of images) {
      const target = publicFileOf(image.url, this.#base);
      if (this.#isFile(target)) continue;
      const folder = target !== undefined && this.#isFolder(target);
      problems.add('missingImage', file, image.place, target
        ? `Unexpected image \`${excerpt(image.url, 60)}\`: ${folder ? `\`${excerpt(target, 80)}\` is a folder, not a file` : `there is no file \`${excerpt(target, 80)}\``}, expected the image saved there, or the address of a file under \`public/\` (letter case counts)`
        : `Unexpected image \`${excerpt(image.url, 60)}\`: its address names no file under \`public/\`, expected the path of the image's file from the site's root, e.g. \`/images/chart.png\``);
    }
  }

  /**
   * Whether `file` (from the project root, under `public/`) is a file, its name written with the letter case it has on
   * disk: a web server on Linux tells `Chart.png` from `chart.png`, where macOS and Windows would open either.
   */
  #isFile(file: string | undefined): boolean {
    if (file === undefined || this.#names(path.posix.dirname(file))?.has(path.posix.basename(file)) !== true) return false;
    try {
      return statSync(path.join(this.#root, file)).isFile();
    } catch {
      return false;
    }
  }

  #isFolder(file: string): boolean {
    try {
      return statSync(path.join(this.#root, file)).isDirectory();
    } catch {
      return false;
    }
  }

  /** The names in a folder (from the project root), undefined when it is none; its own name checked in its parent. */
  #names(folder: string): Set<string> | undefined {
    if (this.#listings.has(folder)) return this.#listings.get(folder);
    let names: Set<string> | undefined;
    const parent = path.posix.dirname(folder);
    if (folder === '.' || parent === folder || this.#names(parent)?.has(path.posix.basename(folder))) {
      try {
        names = new Set(readdirSync(path.join(this.#root, folder)));
      } catch {
        names = undefined;
      }
    }
    this.#listings.set(folder, names);
    return names;
  }
}

/** The run's view of `public/`, by the object a run's cases share (as the method and the base path are read). */
const perRun = new WeakMap<object, PublicFiles>();
export function publicFilesFor(root: string, run: object): PublicFiles {
  let files = perRun.get(run);
  if (!files) perRun.set(run, (files = new PublicFiles(root, siteBase(root, run))));
  return files;
}
