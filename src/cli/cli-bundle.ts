import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The CLI and every module it imports as one file, for a fast start: loading ~440 modules one by one (resolving,
 * reading, linking each) costs more than the check of a case, and `tahqiq check <file>` runs on every save in
 * a journalist's editor. Bundled by esbuild (installed with Astro and Vite) into the package's own cache, rebuilt
 * as soon as one of tahqiq's own input files differs in size or modification time from when it was bundled, or the
 * installed packages change (as Vite decides when to bundle its dependencies again: the package manager's lock files
 * and a `patches/` folder stand for the files under node_modules/), and never required: whatever goes wrong (no
 * esbuild, a read-only folder), the CLI runs from its modules as before.
 *
 * `load-cases.ts` (checking every case) stays outside, imported from its own file: it starts worker processes from a
 * file beside it and fingerprints the tool by its source files, which only work from the real modules.
 */

/** Where the tahqiq package is (its src/, its node_modules/). */
const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));

export interface BundleOptions {
  /** The module to bundle (default src/cli/tahqiq.ts). */
  entry?: string;
  /** Where the bundle and its manifest are kept (default node_modules/.cache/tahqiq-cli of the package). */
  dir?: string;
}

/** What stands for every input file under node_modules/: npm rewrites these on every install. */
const INSTALL_STAMPS = ['package-lock.json', 'node_modules/.package-lock.json', 'patches'];

/** Size and modification time of a file (-1 when missing), as the manifest records them. */
function stamp(file: string): [size: number, mtimeMs: number] {
  const stats = statSync(path.resolve(PACKAGE, file), { throwIfNoEntry: false });
  return stats ? [stats.size, stats.mtimeMs] : [-1, -1];
}

/** A bundle and the files it depends on (its own inputs, and INSTALL_STAMPS for packages), each with its size and modification time then. */
interface Manifest {
  bundle: string;
  inputs: [file: string, size: number, mtimeMs: number][];
}

const defaults = (options: BundleOptions) => ({
  entry: options.entry ?? fileURLToPath(new URL('./tahqiq.ts', import.meta.url)),
  dir: options.dir ?? path.join(PACKAGE, 'node_modules/.cache/tahqiq-cli'),
});

const manifestFile = (dir: string, entry: string) => path.join(dir, `${path.basename(entry, path.extname(entry))}.manifest.json`);

/** The bundle's path when it exists and every input file is as it was when bundled; undefined otherwise. */
export function freshBundle(options: BundleOptions = {}): string | undefined {
  const { entry, dir } = defaults(options);
  try {
    const manifest = JSON.parse(readFileSync(manifestFile(dir, entry), 'utf8')) as Manifest;
    for (const [file, size, mtimeMs] of manifest.inputs) {
      const [nowSize, nowMtimeMs] = stamp(file);
      if (nowSize !== size || nowMtimeMs !== mtimeMs) return undefined;
    }
    return path.join(dir, manifest.bundle);
  } catch {
    return undefined;
  }
}

/** Bundles `entry` (esbuild) and records its inputs; returns the bundle's path, or undefined when it cannot be made. */
export async function buildBundle(options: BundleOptions = {}): Promise<string | undefined> {
  const { entry, dir } = defaults(options);
  const started = Date.now();
  try {
    const esbuild = await import('esbuild');
    const external = path.join(PACKAGE, 'src/core/load-cases.ts');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // Plain ASCII, no comments: Node then reads the bundle as a one-byte string, without decoding UTF-8.
      charset: 'ascii',
      minifyWhitespace: true,
      absWorkingDir: PACKAGE,
      // CommonJS packages (yaml) call `require`: give them Node's.
      banner: { js: 'import { createRequire as __tahqiqRequire } from "node:module"; const require = __tahqiqRequire(import.meta.url);' },
      plugins: [{
        name: 'unbundled',
        setup(build) {
          build.onResolve({ filter: /load-cases\.ts$/ }, (args) => {
            const resolved = path.resolve(args.resolveDir, args.path);
            return resolved === external ? { path: pathToFileURL(resolved).href, external: true } : undefined;
          });
        },
      }],
    });
    const code = result.outputFiles[0]!.contents;
    // This file too: how the bundle is made is part of what it is.
    const own = [...Object.keys(result.metafile.inputs).filter((file) => !file.split(/[\\/]/).includes('node_modules')), path.relative(PACKAGE, fileURLToPath(import.meta.url))];
    const inputs: Manifest['inputs'] = [...own, ...INSTALL_STAMPS].map((file) => [file, ...stamp(file)]);
    mkdirSync(dir, { recursive: true });
    const name = `${path.basename(entry, path.extname(entry))}-${started.toString(36)}-${process.pid}.mjs`;
    writeFileSync(path.join(dir, name), code);
    // A file saved while bundling may be in the bundle in either version: use it this once, bundle again next time.
    if (own.every((file) => stamp(file)[1] < started - 1000)) {
      const temporary = `${manifestFile(dir, entry)}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ bundle: name, inputs } satisfies Manifest));
      renameSync(temporary, manifestFile(dir, entry));
      // Earlier bundles of this entry: a run that already loaded one keeps it in memory.
      const stem = `${path.basename(entry, path.extname(entry))}-`;
      for (const old of readdirSync(dir)) if (old.startsWith(stem) && old.endsWith('.mjs') && old !== name) rmSync(path.join(dir, old), { force: true });
    }
    return path.join(dir, name);
  } catch {
    return undefined;
  }
}

type Main = typeof import('./tahqiq.ts').main;

/** The CLI's `main`, from the bundle when it can be used, else from its modules. */
export async function loadMain(): Promise<Main> {
  const bundle = freshBundle() ?? (await buildBundle());
  if (bundle) {
    try {
      return ((await import(pathToFileURL(bundle).href)) as { main: Main }).main;
    } catch {
      // A bundle that does not load: the modules still do.
    }
  }
  return (await import('./tahqiq.ts')).main;
}
