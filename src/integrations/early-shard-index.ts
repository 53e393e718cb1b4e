import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';
import { createIndex, type PagefindIndex } from 'pagefind';
import { readJsonStore, writeJsonStore } from '../core/json-store.ts';
import { pageHash, type PageHashes } from './built-pages.ts';
import { shardOf, shardsOf, type Shard } from './search-shards.ts';

/**
 * A shard of the search index begun while Astro still bundles and renders, with the time the build leaves idle:
 * Pagefind reads the pages of the shard whose cases the content sync left alone (copies of them, as the last build
 * left them in the output folder), and reads the others once they are final. At 4,000 cases an edit re-indexes a
 * shard of 1,000 pages, which took 5.4–6.5 s after the pages were made; begun early, 2.9–3.9 s (bench/README.md).
 *
 * The guess is checked, never trusted: the early index is used only when every page it was given is in the
 * finished shard with the same bytes (SHA-1), else it is dropped and the shard indexed from the final pages. Such an
 * index holds the same pages with the same words as one made at once; Pagefind lists them in the order it read them,
 * so its files differ from those of a build from nothing (kept under the same digest, a later build restores them).
 */
export interface EarlyShard {
  /** The shard's folder under `pagefind/` ('' for the first). */
  folder: string;
  /** Resolves once Pagefind has read the copies: the index, the SHA-1 of each page it was given, and its errors. */
  ready: Promise<{ index: PagefindIndex | undefined; fed: Map<string, string>; errors: string[] }>;
  /** The folder of copies Pagefind reads. */
  scratch: string;
}

const LAST_PAGES = '.last-pages.json';

/** Records which pages of `outDir` were searchable in this build, for the next build to begin its index with. */
export function saveLastPages(dir: string, outDir: string, settings: string, pages: PageHashes): void {
  writeJsonStore(path.join(dir, LAST_PAGES), { settings, outDir: path.resolve(outDir), pages: [...pages].map(([file, page]) => [file, page.searchable]) });
}

function readLastPages(dir: string, outDir: string, settings: string): PageHashes | undefined {
  const saved = readJsonStore(path.join(dir, LAST_PAGES)) as { settings?: string; outDir?: string; pages?: [string, boolean][] } | undefined;
  if (saved?.settings !== settings || saved.outDir !== path.resolve(outDir) || !Array.isArray(saved.pages)) return undefined;
  return new Map(saved.pages.map(([file, searchable]) => [file, { hash: '', searchable }]));
}

/** Pages read and written at once while copying: enough to keep the disk busy, few enough to hold little memory. */
const COPYING = 16;

/** Copies `files` of `outDir` into `scratch`, each read once: the SHA-1 of the bytes written, by file (none for a file gone). */
async function copyPages(outDir: string, files: string[], scratch: string): Promise<Map<string, string>> {
  const fed = new Map<string, string>();
  let next = 0;
  const copyNext = async (): Promise<void> => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      const bytes = await readFile(path.join(outDir, file)).catch(() => undefined);
      if (!bytes) continue;
      const target = path.join(scratch, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      fed.set(file, pageHash(bytes));
    }
  };
  await Promise.all(Array.from({ length: COPYING }, copyNext));
  return fed;
}

/**
 * Begins, without waiting for them, the shards that hold a page of a `changed` case (`cases/<id>/index.html`), with
 * their other pages as they are in `outDir` now, before the build writes any page. Nothing is begun without the
 * record of the last build into the same `outDir` (a first build, another output folder, other settings). The copies
 * Pagefind reads are made under `dir`.
 */
export function beginEarlyShards(options: { dir: string; outDir: string; settings: string; changed: ReadonlySet<string>; shardPages: number }): EarlyShard[] {
  const { dir, outDir, settings, changed, shardPages } = options;
  const last = readLastPages(dir, outDir, settings);
  if (!last || changed.size === 0) return [];
  const shards = shardsOf(last, shardPages);
  const changedPages = new Set([...changed].map((id) => `cases/${id}/index.html`));
  const touched = new Set<Shard>();
  for (const page of changedPages) touched.add(shards[shardOf(page, shards.length)]!);
  return [...touched].flatMap((shard) => {
    const scratch = path.join(dir, `.early-${process.pid}-${shard.folder.replace(/\/$/, '') || 's0'}`);
    rmSync(scratch, { recursive: true, force: true });
    // Pages the build renders every time (list and editorial pages) were moved aside by previous-output: read later.
    const files = [...shard.pages.keys()].filter((file) => !changedPages.has(file) && existsSync(path.join(outDir, file)));
    if (files.length === 0) return [];
    const ready = copyPages(outDir, files, scratch).then(async (fed) => {
      const { index, errors } = await createIndex({});
      if (!index || fed.size === 0) return { index, fed, errors: index ? ['every page to begin with was gone'] : errors };
      yieldToTheBuild();
      const added = await index.addDirectory({ path: scratch });
      return { index, fed, errors: added.errors };
    });
    return [{ folder: shard.folder, scratch, ready: ready.catch((error: unknown) => ({ index: undefined, fed: new Map<string, string>(), errors: [String(error)] })) }];
  });
}

/** The lowest scheduling priority: the early index takes only the time the build leaves unused. */
const BACKGROUND = 19;

/**
 * Lowers the priority of Pagefind's process (started by the first `createIndex`) and of each of its threads, so the
 * early index takes the time the build leaves idle rather than the time of the bundling and rendering beside it. At
 * 4,000 cases, five edits each in turn: a rebuild took 11.1–12.5 s (median 11.4) at the build's priority, 9.7–12.1 s
 * (median 10.6) at the lowest, and 11.9–13.6 s (median 12.3) without the early index. On Linux, where a priority
 * belongs to each thread, Pagefind's threads are found under /proc; elsewhere nothing is changed, and the index is
 * still begun early. The priority stays low for the rest of the build: raising it again takes a privilege.
 */
function yieldToTheBuild(): void {
  try {
    for (const task of readdirSync(`/proc/${process.pid}/task`)) {
      for (const child of readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) {
        if (!readFileSync(`/proc/${child}/comm`, 'utf8').startsWith('pagefind')) continue;
        for (const thread of readdirSync(`/proc/${child}/task`)) setPriority(Number(thread), BACKGROUND);
      }
    }
  } catch {
    // not Linux, or no /proc: the index is begun early at the build's own priority
  }
}

/**
 * The index `early` began, when it can become the index of the finished `shard`, with the pages it still lacks:
 * Pagefind read every page it was given without error, and each is in the shard with the same bytes.
 */
export async function usableFor(early: EarlyShard, shard: Shard): Promise<{ index: PagefindIndex; rest: string[] } | undefined> {
  const { index, fed, errors } = await early.ready;
  if (!index || errors.length > 0) return undefined;
  for (const [file, hash] of fed) if (shard.pages.get(file)?.hash !== hash) return undefined;
  return { index, rest: [...shard.pages.keys()].filter((file) => !fed.has(file)) };
}

/** Drops an early index that was not used, and its copies. */
export async function dropEarlyShard(early: EarlyShard): Promise<void> {
  const { index } = await early.ready;
  await index?.deleteIndex();
  removeScratch(early);
}

export function removeScratch(early: EarlyShard): void {
  if (existsSync(early.scratch)) rmSync(early.scratch, { recursive: true, force: true });
}
