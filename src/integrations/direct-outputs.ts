import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { processShared } from '../core/process-shared.ts';

/** An output's bytes: whole, or in pieces written one after the other (never joined in memory). */
export type OutputBody = string | Uint8Array | Iterable<string | Uint8Array>;

/** A file of the site that is not a page, handed over by its route: `key` changes whenever its bytes would. */
export interface DirectOutput {
  key: string;
  make: () => OutputBody | Promise<OutputBody>;
}

/** The outputs handed over in this process's build, by path under the output folder (`cases/x.json`). */
const handedOver = processShared('direct-outputs', () => new Map<string, DirectOutput>());

/**
 * Hands an output to this integration instead of Astro's page generation. Called by a route while Astro asks for
 * its paths in `astro build` (see src/direct-routes.ts); in `astro dev` the route serves the same bytes itself.
 */
export function handOver(file: string, output: DirectOutput): void {
  handedOver.set(file.replace(/^\/+/, ''), output);
}

/**
 * Where the outputs of the last build are kept, hard-linked: `files/<path>.<digest of its key>`, so a kept copy can
 * only be taken for the key it was made under. `manifest.json` lists every kept copy (path → copy), so that copies
 * no build uses any more are removed.
 */
const STORE = 'tahqiq-direct-outputs';
const MANIFEST = 'manifest.json';

const keptName = (file: string, key: string) => `${file}.${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;

/** The kept copies the last build listed (path → copy under `files/`). */
function readManifest(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {}; // a first build, or the cache was cleared
  }
}

function writeBody(file: string, body: OutputBody): number {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  let bytes = 0;
  try {
    const pieces = typeof body === 'string' || body instanceof Uint8Array ? [body] : body;
    for (const piece of pieces) bytes += writeSync(fd, typeof piece === 'string' ? Buffer.from(piece) : piece);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  return bytes;
}

/** What kind of output a path is, for the log: `cases/<id>.json`, `cases/<id>/sources/<doc>.txt`, `claims.json`. */
const kindOf = (file: string) => file.replace(/^cases\/[^/.]+/, 'cases/<id>').replace(/\/sources\/[^/]+\.txt$/, '/sources/<doc>.txt');

/** Links `from` to `to` (replacing it), or copies it where hard links are not possible; false when `from` is missing. */
function linkOrCopy(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'EEXIST') {
      unlinkSync(to);
      return linkOrCopy(from, to);
    }
    copyFileSync(from, to);
    return true;
  }
}

/** This build's outputs, by path: the ones written and linked (previous-output must not remove them). */
const thisBuild = processShared('direct-outputs-written', () => new Set<string>());

export function isDirectOutput(file: string): boolean {
  return thisBuild.has(file);
}

/** Lets other work (the search index's process) run while the outputs are written: every ~10 ms of writing. */
const YIELD_MS = 10;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes (or links) every handed-over output into `outDir`; resolves to the line to log. */
async function writeOutputs(outDir: string, cacheDir: string): Promise<string> {
  const started = performance.now();
  const kept = path.join(cacheDir, 'files');
  const manifest = path.join(cacheDir, MANIFEST);
  const previous = readManifest(manifest);
  const outputs = [...handedOver].sort(([a], [b]) => (a < b ? -1 : 1));
  handedOver.clear();
  thisBuild.clear();
  for (const [file] of outputs) thisBuild.add(file);
  const next = Object.fromEntries(outputs.map(([file, output]) => [file, keptName(file, output.key)]));
  // Until this build ends, the manifest lists the copies of both builds: a build stopped midway leaves none unlisted.
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(manifest, JSON.stringify({ ...previous, ...Object.fromEntries(Object.entries(next).map(([file, copy]) => [`${file}\0new`, copy])) }));
  const made = new Set<string>();
  const ensureDir = (dir: string) => {
    if (made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  let written = 0;
  let reused = 0;
  let bytes = 0;
  const timeByKind = new Map<string, number>();
  let slice = performance.now();
  for (const [file, output] of outputs) {
    if (performance.now() - slice > YIELD_MS) {
      await yieldNow();
      slice = performance.now();
    }
    const target = path.join(outDir, file);
    const copy = path.join(kept, next[file]!);
    ensureDir(path.dirname(target));
    ensureDir(path.dirname(copy));
    if (linkOrCopy(copy, target)) reused++;
    else {
      const start = performance.now();
      bytes += writeBody(target, await output.make());
      linkOrCopy(target, copy);
      written++;
      const kind = kindOf(file);
      timeByKind.set(kind, (timeByKind.get(kind) ?? 0) + performance.now() - start);
    }
  }
  // The kept copies no output of this build uses (an older version, a deleted case).
  const used = new Set(Object.values(next));
  for (const copy of Object.values(previous)) if (!used.has(copy)) rmSync(path.join(kept, copy), { force: true });
  writeFileSync(manifest, JSON.stringify(next));
  const kinds = [...timeByKind].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `${kind} ${Math.round(ms)} ms`);
  return `${written} outputs written (${(bytes / 1e6).toFixed(1)} MB${kinds.length ? `: ${kinds.join(', ')}` : ''}), ${reused} unchanged linked from the last build, in ${Math.round(performance.now() - started)} ms`;
}

/**
 * Writes the site's non-page outputs (each case's open data, annotations, source texts and share card, and
 * `/claims.json`) once the pages are generated, straight to the output folder.
 *
 * Astro's page generation costs every route output ~1.1 ms even when it only copies a file, reads a route's whole
 * response into memory and, with the incremental build, writes every keyed output twice (the output and its cache
 * copy). At 4,000 cases that was four routes per case besides the page, and for the 135 MB `/claims.json` 8.5 s and
 * +0.7 GB of peak memory. Here each output is written once, in pieces, and an output whose key is unchanged since the
 * last build is hard-linked from the last build's (kept in Astro's cache folder), not made again.
 *
 * The writing starts when the pages are generated and runs in slices while the other integrations finish the build
 * (the search index is made by Pagefind's own process, on the other core); the build waits for it at its end.
 */
export default function directOutputs(): AstroIntegration {
  let cacheDir = '';
  let writing: Promise<string> | undefined;
  return {
    name: 'tahqiq-direct-outputs',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), STORE);
      },
      'astro:build:generated': ({ dir }) => {
        writing = writeOutputs(fileURLToPath(dir), cacheDir);
        writing.catch(() => {}); // reported when the build waits for it, below
      },
      'astro:build:done': async ({ dir, logger }) => {
        const line = await (writing ?? writeOutputs(fileURLToPath(dir), cacheDir));
        writing = undefined;
        logger.info(line);
      },
    },
  };
}
