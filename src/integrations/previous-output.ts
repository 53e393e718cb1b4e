import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isDirectOutput } from './direct-outputs.ts';

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

/** Empties a folder as Astro does (keeping `.git`), for when it cannot be moved aside. */
function emptyDir(dir: string): void {
  for (const name of readdirSync(dir)) if (name !== '.git') rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Starts every build from an empty output folder without paying for it, and without copying what did not change.
 *
 * - Astro would empty the output folder first, synchronously (at 1,000 cases ~6,000 files, 260 MB: it blocked the
 *   build for 6–12 s here). Instead the folder is moved aside (a rename: instant) and deleted in the background
 *   (`vite.build.emptyOutDir: false` in astro.config.mjs tells Astro not to empty it).
 * - A page the incremental build skips is then copied back from Astro's cache, file by file (20,000 files at
 *   4,000 cases) unless it is already in the output folder. So the outputs the last build's manifest recorded are
 *   hard-linked back from the folder moved aside (no data is copied); Astro finds them in place. After the build,
 *   any linked file this build did not produce (a deleted case) is removed, with the folders it leaves empty, so the
 *   output is exactly what a build from nothing gives.
 */
export default function previousOutput(): AstroIntegration {
  let outDir: string | undefined;
  let cacheDir: string | undefined;
  const linked = new Set<string>();
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
        const remove = (dir: string) => rm(dir, { recursive: true, force: true }).catch((error: unknown) => logger.warn(`could not delete the previous output at ${dir}: ${String(error)}`));
        // Left by a build that was stopped while deleting.
        for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : []) if (name.startsWith(PREFIX)) void remove(path.join(cacheDir, name));
        if (!existsSync(outDir)) return;
        const aside = path.join(cacheDir, `${PREFIX}${process.pid}-${Date.now()}`);
        try {
          renameSync(outDir, aside);
        } catch {
          emptyDir(outDir); // another file system, or in use: emptied here, as Astro would
          return;
        }
        for (const file of keyedOutputs(cacheDir)) {
          try {
            mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
            linkSync(path.join(aside, file), path.join(outDir, file));
            linked.add(file);
          } catch {
            // not in the last output, or no hard links here: Astro copies it from its cache
          }
        }
        void remove(aside);
      },
      'astro:build:done': ({ assets, logger }) => {
        if (!outDir || !cacheDir || linked.size === 0) return;
        // Every file this build wrote or kept, rendered or restored (Astro lists them by route), and the files that
        // direct-outputs writes: the last build's manifest may still list them when that build made them as routes.
        const kept = new Set<string>();
        for (const urls of assets.values()) for (const url of urls) kept.add(path.relative(outDir, fileURLToPath(url)).split(path.sep).join('/'));
        let removed = 0;
        let reused = 0;
        for (const file of linked) {
          if (kept.has(file) || isDirectOutput(file)) {
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
        logger.info(`${reused} unchanged outputs reused from the last build${removed ? `, ${removed} no longer built removed` : ''}`);
        linked.clear();
      },
    },
  };
}
