import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { withoutBase } from './site-base.ts';

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
  return `public/${relative}`;
}

/**
 * Whether every image is a file under `public/` now: checked on every run, a case kept from an earlier run included
 * (an image deleted or renamed since breaks the page without any change to the case file).
 */
export function imagesPresent(root: string, images: readonly SiteImage[] | undefined, base = '/'): boolean {
  return (images ?? []).every((image) => isFile(root, publicFileOf(image.url, base)));
}

/** Reports each image that names no file under `public/` (TQ125), at its place in `file`. */
export function reportMissingImages(root: string, file: string, images: readonly SiteImage[], problems: ProblemList, base = '/'): void {
  for (const image of images) {
    const target = publicFileOf(image.url, base);
    if (isFile(root, target)) continue;
    problems.add('missingImage', file, image.place, target
      ? `Unexpected image \`${excerpt(image.url, 60)}\`: ${isFolder(root, target) ? `\`${excerpt(target, 80)}\` is a folder, not a file` : `there is no file \`${excerpt(target, 80)}\``}, expected the image saved there, or the address of a file under \`public/\` (letter case counts)`
      : `Unexpected image \`${excerpt(image.url, 60)}\`: its address names no file under \`public/\`, expected the path of the image's file from the site's root, e.g. \`/images/chart.png\``);
  }
}

function isFolder(root: string, file: string): boolean {
  try {
    return statSync(path.join(root, file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether `file` (from the project root, under `public/`) is a file, its name written with the letter case it has on
 * disk: a web server on Linux tells `Chart.png` from `chart.png`, where macOS and Windows would open either.
 */
function isFile(root: string, file: string | undefined): boolean {
  if (file === undefined) return false;
  try {
    if (!statSync(path.join(root, file)).isFile()) return false;
  } catch {
    return false;
  }
  let folder = root;
  for (const name of file.split('/')) {
    if (!readdirSync(folder).includes(name)) return false;
    folder = path.join(folder, name);
  }
  return true;
}
