import { closeSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { writePiece, type OutputBody } from '../core/output-pieces.ts';
import { processShared } from '../core/process-shared.ts';
import { buildDigest } from './build-digest.ts';
import { KeptOutputs, keptOutputsDir } from './kept-outputs.ts';

/** A file of the site that is not a page, handed over by its route: `key` changes whenever its case's data does. */
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

/** The outputs this build writes, known before any is written (previous-output must not remove them). */
const thisBuild = processShared('direct-outputs-of-this-build', () => new Set<string>());

export function isDirectOutput(file: string): boolean {
  return thisBuild.has(file);
}

/** Lets other work (the search index's process) go on while the outputs are written: every ~10 ms of writing. */
const YIELD_MS = 10;

class Slices {
  #since = performance.now();
  async yield(): Promise<void> {
    if (performance.now() - this.#since < YIELD_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#since = performance.now();
  }
}

/** Writes `body` to `file` through a temporary name (never a partial file under the final name); its bytes. */
async function writeBody(file: string, body: OutputBody, slices: Slices): Promise<number> {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  let bytes = 0;
  try {
    const pieces = typeof body === 'string' || body instanceof Uint8Array ? [body] : body;
    for (const piece of pieces) {
      bytes += writePiece(fd, piece);
      await slices.yield();
    }
    closeSync(fd);
    renameSync(temporary, file);
    return bytes;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** What kind of output a path is, for the log: `cases/<id>.json`, `cases/<id>/sources/<doc>.txt`, `claims.json`. */
const kindOf = (file: string) => file.replace(/^cases\/[^/.]+/, 'cases/<id>').replace(/\/sources\/[^/]+\.txt$/, '/sources/<doc>.txt');

/** An output that could not be made: named, with its cause, without a stack trace. */
function outputError(file: string, error: unknown): AstroError {
  const cause = error instanceof Error ? error.message : String(error);
  const failure = new AstroError(`tahqiq: could not write \`${file}\`: ${cause}`, 'Run the build again; if it fails the same way, delete node_modules/.cache and node_modules/.astro (the caches) and build once more.');
  failure.stack = '';
  return failure;
}

/** Writes (or publishes the kept copy of) every handed-over output into `outDir`; resolves to the line to log. */
async function writeOutputs(root: string, outDir: string, storeDir: string, reuse: boolean): Promise<string> {
  const started = performance.now();
  const outputs = [...handedOver].sort(([a], [b]) => (a < b ? -1 : 1));
  handedOver.clear();
  thisBuild.clear();
  for (const [file] of outputs) thisBuild.add(file);
  // The list of kept copies is written before any copy is made, and after the last (kept-outputs.ts).
  const list = path.relative(root, path.join(storeDir, 'manifest.json'));
  let kept: KeptOutputs;
  try {
    kept = new KeptOutputs(storeDir, buildDigest(root), outputs.map(([file, output]) => [file, output.key]), reuse);
  } catch (error) {
    throw outputError(list, error);
  }
  const slices = new Slices();
  const folders = new Set<string>();
  const timeByKind = new Map<string, number>();
  let written = 0;
  let reused = 0;
  let bytes = 0;
  for (const [file, output] of outputs) {
    await slices.yield();
    const target = path.join(outDir, file);
    if (kept.publish(file, target)) {
      reused++;
      continue;
    }
    const start = performance.now();
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      bytes += await writeBody(target, await output.make(), slices);
      kept.keep(file, output.key, target);
    } catch (error) {
      throw outputError(file, error);
    }
    written++;
    timeByKind.set(kindOf(file), (timeByKind.get(kindOf(file)) ?? 0) + performance.now() - start);
  }
  try {
    kept.finish();
  } catch (error) {
    throw outputError(list, error);
  }
  const kinds = [...timeByKind].sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `${kind} ${Math.round(ms)} ms`);
  const copies = kept.copied ? ` (${kept.copied} copied: no hard links between the cache and the output folder)` : '';
  return `${written} output${written === 1 ? '' : 's'} written (${(bytes / 1e6).toFixed(1)} MB${kinds.length ? `: ${kinds.join(', ')}` : ''}), ${reused} unchanged kept from the last build${copies}, in ${Math.round(performance.now() - started)} ms`;
}

/**
 * Writes the site's non-page outputs (each case's open data, annotations, source texts and share card, and
 * `/claims.json`) once the pages are generated, straight to the output folder.
 *
 * Astro's page generation costs every route output ~1.1 ms even when it only copies a file, reads a route's whole
 * response into memory and, with the incremental build, writes every keyed output twice (the output and its cache
 * copy). At 4,000 cases that was four routes per case besides the page, and for the 135 MB `/claims.json` 8.5 s and
 * +0.7 GB of peak memory. Here each output is written once, in pieces, and an output whose key and build are
 * unchanged since the last build is published from the last build's copy (kept-outputs.ts), not made again.
 *
 * The writing starts when the pages are generated and goes on in slices while the other integrations finish the
 * build (the search index is made by Pagefind's own process, on the other core); the build waits for it at its end.
 */
export default function directOutputs(): AstroIntegration {
  let root = '';
  let storeDir = '';
  let writing: Promise<string> | undefined;
  // `astro build --force` makes everything again, as it does Astro's own cached outputs.
  const reuse = !process.argv.includes('--force');
  const start = (dir: URL) => {
    writing = writeOutputs(root, fileURLToPath(dir), storeDir, reuse);
    writing.catch(() => {}); // reported when the build waits for it, below
    return writing;
  };
  return {
    name: 'tahqiq-direct-outputs',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        storeDir = keptOutputsDir(fileURLToPath(config.cacheDir));
      },
      // Left by an earlier build of this process that stopped before its pages were generated.
      'astro:build:start': () => handedOver.clear(),
      'astro:build:generated': ({ dir }) => {
        start(dir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const line = await (writing ?? start(dir));
        writing = undefined;
        logger.info(line);
      },
    },
  };
}
