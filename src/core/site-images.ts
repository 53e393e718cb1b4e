import { statSync } from 'node:fs';
import path from 'node:path';
import { excerpt, type Point, type ProblemList } from './problems.ts';

/** An image a page shows from the site itself (`![…](/images/chart.png)`): its address as written, and where. */
export interface SiteImage {
  url: string;
  place: Point;
}

/**
 * The file under `public/` that a site-root address names, from the project root (`/images/a%20b.png?v=2` is
 * `public/images/a b.png`), or undefined when it names none: the root itself, a path out of `public/` (`/../x`), an
 * escape that does not decode.
 */
export function publicFileOf(url: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.trim().replace(/[?#].*$/s, ''));
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
export function imagesPresent(root: string, images: readonly SiteImage[] | undefined): boolean {
  return (images ?? []).every((image) => isFile(root, publicFileOf(image.url)));
}

/** Reports each image that names no file under `public/` (TQ125), at its place in `file`. */
export function reportMissingImages(root: string, file: string, images: readonly SiteImage[], problems: ProblemList): void {
  for (const image of images) {
    const target = publicFileOf(image.url);
    if (isFile(root, target)) continue;
    problems.add('missingImage', file, image.place, target
      ? `Unexpected image \`${excerpt(image.url, 60)}\`: there is no file \`${excerpt(target, 80)}\`, expected the image saved there, or the address of a file under \`public/\` (letter case counts)`
      : `Unexpected image \`${excerpt(image.url, 60)}\`: its address names no file under \`public/\`, expected the path of the image's file from the site's root, e.g. \`/images/chart.png\``);
  }
}

function isFile(root: string, file: string | undefined): boolean {
  if (file === undefined) return false;
  try {
    return statSync(path.join(root, file)).isFile();
  } catch {
    return false;
  }
}
