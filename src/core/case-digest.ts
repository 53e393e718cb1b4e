import { createHash, hash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from './problems.ts';
import type { SiteImage } from './site-images.ts';
import { SITE_ENV } from './site-env.ts';

/**
 * What a verified case depended on, kept between runs so an unchanged case is
 * not verified again: the digest of its file (with the tool's own digest), the
 * SHA-256 of every source document it read, and the problems (warnings) it had.
 */
export interface VerifiedRecord {
  /** SHA-256 of the tool digest, the case file's path and its SHA-256 (`caseDigest`). */
  digest: string;
  /** Source document path (from the project root) → SHA-256 of its bytes when verified. */
  sources: Record<string, string>;
  /** Problems reported when it was verified (warnings only: a case with errors is never kept). */
  problems: Problem[];
  /** The images it shows from the site itself: a case is kept only while their files are under `public/`. */
  images?: SiteImage[];
}

/** Every file under `dir` (recursively), as sorted absolute paths; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** The core and schema code (every file under `src/core` and `src/schemas`), as sorted absolute paths. */
function coreFiles(root: string): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The core's own folder when run from source; the project's copy otherwise (bundled into a build).
  const src = existsSync(path.join(here, 'load-cases.ts')) ? path.dirname(here) : path.join(root, 'src');
  return [...filesUnder(path.join(src, 'core')), ...filesUnder(path.join(src, 'schemas'))];
}

/** Adds each of `files` that exists to `digest`: its path from `root` and its bytes. */
function addFiles(digest: Hash, root: string, files: readonly string[]): void {
  for (const file of files) {
    if (!existsSync(file)) continue;
    digest.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
}

/** The digest of the core and schema code alone (coreFiles): what reads a case, without the project's configuration. */
export function coreDigest(root: string): string {
  const digest = createHash('sha256');
  addFiles(digest, root, coreFiles(root));
  return digest.digest('hex');
}

/**
 * The tool's own digest: the core and schema code that verifies a case, the package manifest and its lockfile (a
 * dependency updated in the lockfile alone, as by Dependabot, may render markdown otherwise), and the project's
 * configuration files at the top of `content/` (method, site…) with the environment variables that override the
 * site's (site-env.ts). Any change to these re-verifies every case. The source lock (`content/sources.lock.json`) is
 * not one of them: each build compares every case with it anyway, and accepting one source's change must not
 * re-verify the whole archive.
 */
export function toolDigest(root: string): string {
  const digest = createHash('sha256');
  const config = path.join(root, 'content');
  const configFiles = existsSync(config)
    ? readdirSync(config, { withFileTypes: true }).filter((d) => d.isFile() && d.name !== 'sources.lock.json').map((d) => path.join(config, d.name)).sort()
    : [];
  addFiles(digest, root, [...coreFiles(root), path.join(root, 'package.json'), path.join(root, 'package-lock.json'), ...configFiles]);
  // The overrides of content/site.yaml for this run (TAHQIQ_SITE_LANG names the site's default language on case pages).
  for (const name of Object.values(SITE_ENV)) digest.update(`${name}=${process.env[name] ?? ''}`).update('\0');
  return digest.digest('hex');
}

/**
 * The digest of one case file under a given tool digest: its path from the project root (what its messages and page
 * name it by: a case moved to another folder is verified again) and the SHA-256 of its bytes.
 */
export function caseDigest(tool: string, file: string, fileSha256: string): string {
  return createHash('sha256').update(tool).update('\0').update(file).update('\0').update(fileSha256).digest('hex');
}

/** SHA-256 of bytes, in hex. */
export function bytesSha256(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'hex');
}

/** SHA-256 of a file's bytes, or undefined when it cannot be read. */
export function fileSha256(file: string): string | undefined {
  try {
    return bytesSha256(readFileSync(file));
  } catch {
    return undefined;
  }
}
