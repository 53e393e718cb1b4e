import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { writeJsonStore } from '../core/json-store.ts';
import { filesOfBuild } from './built-pages.ts';
import { isDirectOutput } from './direct-outputs.ts';
import { keptOutputsDir, lastBuildOutputs } from './kept-outputs.ts';

const PREFIX = 'previous-output-';
/** Astro's incremental-build manifest, in its cache folder (astro/dist/core/build/incremental.js). */
const MANIFEST = 'incremental-build.json';

/**
 * The output files Astro's incremental-build manifest records (paths under the output folder): the case
 * pages and case outputs a build may skip when their `cacheKey` is unchanged.
 */
export function keyedOutputs(cacheDir: string): Set<string> {
  const outputs = new Set<string>();
  try {
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, MANIFEST), 'utf8')) as { routes?: Record<string, { paths?: Record<string, { outputFile?: string }> }> };
    for (const route of Object.values(manifest.routes ?? {})) {
      for (const { outputFile } of Object.values(route.paths ?? {})) if (outputFile) outputs.add(decodeURIComponent(outputFile));
    }
  } catch {
    // no manifest yet (a first or a forced build): nothing to reuse
  }
  return outputs;
}

/** What this integration records of the last build that used a cache folder, in it. */
const LAST_BUILD = 'tahqiq-last-build.json';

/**
 * The last build that used this cache: its output folder, and whether it got past its page generation (`finished`:
 * Astro's manifest then describes the pages it left there). Undefined when none recorded it.
 */
interface LastBuild {
  outDir: string;
  finished: boolean;
}

function readLastBuild(cacheDir: string): LastBuild | undefined {
  try {
    const read = JSON.parse(readFileSync(path.join(cacheDir, LAST_BUILD), 'utf8')) as Partial<LastBuild>;
    return typeof read.outDir === 'string' && typeof read.finished === 'boolean' ? { outDir: read.outDir, finished: read.finished } : undefined;
  } catch {
    return undefined;
  }
}

/** Records the build; the record is removed first, so one that could not be written is absent: nothing is trusted then. */
function writeLastBuild(cacheDir: string, last: LastBuild): void {
  const file = path.join(cacheDir, LAST_BUILD);
  try {
    rmSync(file, { recursive: true, force: true });
  } catch {
    // written over below, or not at all: writeJsonStore says nothing either way
  }
  writeJsonStore(file, last);
}

/** Empties a folder as Astro does (keeping `.git`), for when it cannot be moved aside. */
function emptyDir(dir: string): void {
  for (const name of readdirSync(dir)) if (name !== '.git') rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Clears the output folder `outDir` except the files in `keep` (paths under it, with `/`), which stay where they are:
 * everything else is moved into `aside` (to be deleted in the background), a whole folder at once when it holds
 * nothing to keep. Returns the files kept in place. Throws when a move is refused (another file system).
 */
function clearExcept(outDir: string, keep: ReadonlySet<string>, aside: string): Set<string> {
  const folders = new Set<string>();
  for (const file of keep) for (let dir = path.posix.dirname(file); dir !== '.' && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  const inPlace = new Set<string>();
  let moved = 0;
  const clear = (dir: string, under: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = under ? `${under}/${entry.name}` : entry.name;
      if (!under && entry.name === '.git') continue;
      if (entry.isDirectory() && folders.has(file)) clear(path.join(dir, entry.name), file);
      else if (!entry.isDirectory() && keep.has(file)) inPlace.add(file);
      else {
        if (moved === 0) mkdirSync(aside, { recursive: true });
        renameSync(path.join(dir, entry.name), path.join(aside, String(moved++)));
      }
    }
  };
  clear(outDir, '');
  return inPlace;
}

/**
 * Starts every build from an output folder holding only what the last build made and this one may keep, without
 * paying for it.
 *
 * - Astro would empty the output folder first, synchronously (at 1,000 cases ~6,000 files, 260 MB: it blocked the
 *   build for 6–12 s here). `vite.build.emptyOutDir: false` in astro.config.mjs tells Astro not to.
 * - A page the incremental build skips is then copied back from Astro's cache, file by file, unless it is already in
 *   the output folder; and the files that are not pages are published from their kept copies (kept-outputs.ts).
 * - So the outputs the last build's manifest recorded (the case pages) and the kept files of the last build stay
 *   where they are; everything else is moved aside (a rename: instant) and deleted in the background. At 4,000
 *   cases, unchanged, that leaves 20,000 files in place instead of linking each one back into a new folder.
 * - After the build, any file left in place that this build did not produce (a deleted case's) is removed, with the
 *   folders it leaves empty, so the output is exactly what a build from nothing gives.
 * - Only when the last build that used this cache finished, into this same folder (`tahqiq-last-build.json` in the
 *   cache folder): otherwise the folder is cleared whole, and after a build stopped during page generation Astro's
 *   manifest is dropped too.
 */
export default function previousOutput(): AstroIntegration {
  let outDir: string | undefined;
  let cacheDir: string | undefined;
  let inPlace = new Set<string>();
  let started = 0;
  return {
    name: 'tahqiq-previous-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = path.resolve(fileURLToPath(config.outDir));
        cacheDir = path.resolve(fileURLToPath(config.cacheDir));
      },
      'astro:build:start': ({ logger }) => {
        if (!outDir || !cacheDir) return;
        started = Date.now();
        inPlace = new Set();
        const remove = (dir: string) => rm(dir, { recursive: true, force: true }).catch((error: unknown) => logger.warn(`could not delete the previous output at ${dir}: ${String(error)}`));
        // Left by a build that was stopped while deleting.
        for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : []) if (name.startsWith(PREFIX)) void remove(path.join(cacheDir, name));
        const last = readLastBuild(cacheDir);
        writeLastBuild(cacheDir, { outDir, finished: false });
        // Stopped during its page generation, the last build may have written a page and Astro's cache copy of it but
        // not the manifest that keys them: with its edit undone, the old key would match the new page. Every page is
        // then rendered again, as after `--force`.
        if (last && !last.finished) rmSync(path.join(cacheDir, MANIFEST), { force: true });
        if (!existsSync(outDir)) return;
        const aside = path.join(cacheDir, `${PREFIX}${process.pid}-${Date.now()}`);
        // The manifest and the kept files describe the output folder of the last finished build that used this cache:
        // another folder (`astro build --outDir`), or this one after a build that did not finish, may hold other pages
        // under the same names. Nothing is kept in place then; Astro restores its unchanged pages from its cache.
        const trusted = last?.finished === true && last.outDir === outDir;
        const keep = trusted ? new Set([...keyedOutputs(cacheDir), ...lastBuildOutputs(keptOutputsDir(cacheDir))]) : new Set<string>();
        try {
          inPlace = clearExcept(outDir, keep, aside);
        } catch {
          inPlace = new Set();
          emptyDir(outDir); // another file system, or in use: emptied here, as Astro would
        }
        if (existsSync(aside)) void remove(aside);
      },
      'astro:build:done': ({ assets, logger }) => {
        if (!outDir || !cacheDir) return;
        // Astro has written its manifest of this build's pages by now.
        writeLastBuild(cacheDir, { outDir, finished: true });
        if (inPlace.size === 0) return;
        // Every file this build wrote or kept, rendered or restored (Astro lists them by route), and the files that
        // direct-outputs writes: the last build's manifest may still list them when that build made them as routes.
        const kept = new Set(filesOfBuild(assets, outDir));
        let removed = 0;
        let reused = 0;
        for (const file of inPlace) {
          // A file that is not a page is published or made again by direct-outputs.ts, which says which.
          if (isDirectOutput(file)) continue;
          if (kept.has(file)) {
            try {
              if (statSync(path.join(outDir, file)).mtimeMs < started) reused++;
            } catch {
              // rewritten under another name: not reused
            }
            continue;
          }
          try {
            unlinkSync(path.join(outDir, file));
            removed++;
            // and the folders it leaves empty (a deleted case's `cases/<id>/`)
            for (let dir = path.dirname(path.join(outDir, file)); dir.startsWith(outDir + path.sep) && readdirSync(dir).length === 0; dir = path.dirname(dir)) rmdirSync(dir);
          } catch {
            // already gone
          }
        }
        logger.info(`${reused} unchanged pages of the last build reused in place${removed ? `, ${removed} no longer built removed` : ''}`);
        inPlace.clear();
      },
    },
  };
}
