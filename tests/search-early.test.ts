import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { close } from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPagesOnDisk } from '../src/integrations/built-pages.ts';
import { beginEarlyShards, dropEarlyShard, saveLastPages, usableFor } from '../src/integrations/early-shard-index.ts';
import { shardsOf } from '../src/integrations/search-shards.ts';
import { launch } from './helpers/browser.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';
import { searchSite } from './helpers/site-search.ts';

/**
 * The search index begun while the pages are made (src/integrations/early-shard-index.ts), in builds into one output
 * folder, as `dist/` is between builds. The project's 10 searchable pages make one shard, then, in shards of 4 pages
 * once the archive has grown, four.
 */
const inShards = { TAHQIQ_SEARCH_SHARD_PAGES: '4' };
/** A word added to one claim's reasoning, new on every run (a shard kept by an earlier run would be restored instead). */
const NEW_WORD = `زعفران${[...String(Date.now()).slice(-6)].map((d) => 'بتثجحخدذرز'[Number(d)]).join('')}`;
/** Words of every kind of searchable page: both cases (Arabic, English) and the editorial pages. */
const QUERIES = ['الغارة', 'المسعود', 'Riverside', 'المنهجية', 'methodology', 'تصحيح'];

const casesDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-early-cases-'));
cpSync(path.join(ROOT, 'content/cases'), casesDir, { recursive: true });
const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-early-dist-'));

let first: BuildRun;
let edited: BuildRun;
let grown: BuildRun;
let fromNothing: BuildRun;
let browser: Browser;

function built(run: BuildRun): BuildRun {
  if (run.status !== 0) throw new Error(`build failed:\n${run.output}`);
  return run;
}

const searchLine = (run: BuildRun) => /search index: .*/.exec(run.output)?.[0] ?? run.output.slice(-2000);
const search = (run: BuildRun, query: string) => searchSite(browser, run.outDir, query);

beforeAll(async () => {
  first = built(runBuild({ casesDir, command: 'astro', outDir }));
  const file = path.join(casesDir, 'dumayr-raid.md');
  const text = readFileSync(file, 'utf8');
  const reasoning = 'فلا نعدّها مصدراً ثالثاً.';
  if (!text.includes(reasoning)) throw new Error(`dumayr-raid.md no longer contains ${reasoning}`);
  writeFileSync(file, text.replace(reasoning, `${reasoning} ${NEW_WORD}.`));
  edited = built(runBuild({ casesDir, command: 'astro', outDir }));
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('a search index begun while the pages are made', () => {
  it('begins with the pages of the cases the edit left alone, and reads the others once they are made', () => {
    expect(first.output).not.toMatch(/begun/);
    expect(searchLine(edited)).toMatch(/^search index: 10 pages in \d+ ms \(begun while the pages were made\)$/);
  });

  it('finds the edit, and every page the shard held before it', async () => {
    expect(await search(edited, NEW_WORD)).toEqual(['/cases/dumayr-raid/']);
    for (const query of QUERIES) expect(await search(edited, query), query).toEqual(await search(first, query));
    const shards = (run: BuildRun) => readFileSync(path.join(run.outDir, 'pagefind/shards.json'), 'utf8');
    expect(shards(edited)).toBe(shards(first));
  });
});

describe('after the archive grew into shards', () => {
  beforeAll(async () => {
    // Three new cases: 13 searchable pages, 4 shards of 4, where the last build had one.
    for (const k of [2, 3, 4]) copyFileSync(path.join(casesDir, 'riverside-clinic.md'), path.join(casesDir, `riverside-clinic-${k}.md`));
    grown = built(runBuild({ casesDir, command: 'astro', env: inShards, outDir }));
    fromNothing = built(runBuild({ casesDir, command: 'astro', env: inShards }));
  }, 240_000);

  it('indexes every shard', () => {
    expect(searchLine(grown)).toMatch(/^search index: 13 pages in \d+ ms \(4 of 4 shards indexed/);
  });

  it('finds what a build from nothing finds', async () => {
    expect(await search(grown, 'Riverside')).toEqual(expect.arrayContaining(['/cases/riverside-clinic/', '/cases/riverside-clinic-2/', '/cases/riverside-clinic-3/', '/cases/riverside-clinic-4/']));
    for (const query of [...QUERIES, NEW_WORD]) expect(await search(grown, query), query).toEqual(await search(fromNothing, query));
  });
});

describe('the check of an index begun early', () => {
  /** A site of three case pages in a fresh folder, recorded as the last build into it. */
  function site(): { dir: string; outDir: string; write: (id: string, text: string) => void } {
    const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-early-cache-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-early-site-'));
    const write = (id: string, text: string) => {
      mkdirSync(path.join(outDir, 'cases', id), { recursive: true });
      writeFileSync(path.join(outDir, 'cases', id, 'index.html'), `<!doctype html><html lang="en"><head><title>${id}</title></head><body><main data-pagefind-body><h1>${id}</h1><p>${text}</p></main></body></html>`);
    };
    for (const id of ['a', 'b', 'c']) write(id, `case ${id}`);
    saveLastPages(dir, outDir, 'settings', hashPagesOnDisk(outDir));
    return { dir, outDir, write };
  }
  const finalShard = (outDir: string) => shardsOf(hashPagesOnDisk(outDir))[0]!;

  afterAll(async () => {
    await close();
  });

  it('uses it when every page it read is final, with the changed page still to read', async () => {
    const { dir, outDir, write } = site();
    const [early] = beginEarlyShards({ dir, outDir, settings: 'settings', changed: new Set(['a']), shardPages: 1000 });
    expect(early).toBeDefined();
    write('a', 'case a, edited');
    const usable = await usableFor(early!, finalShard(outDir));
    expect(usable?.rest).toEqual(['cases/a/index.html']);
    await dropEarlyShard(early!);
  });

  it('drops it when a page it read is not the final one', async () => {
    const { dir, outDir, write } = site();
    const [early] = beginEarlyShards({ dir, outDir, settings: 'settings', changed: new Set(['a']), shardPages: 1000 });
    await early!.ready;
    write('b', 'case b, changed by the build although its case was not');
    expect(await usableFor(early!, finalShard(outDir))).toBeUndefined();
    await dropEarlyShard(early!);
  });

  it('begins nothing without the last build’s record for the same settings and output folder', () => {
    const { dir, outDir } = site();
    expect(beginEarlyShards({ dir, outDir, settings: 'other settings', changed: new Set(['a']), shardPages: 1000 })).toEqual([]);
    expect(beginEarlyShards({ dir, outDir: `${outDir}-other`, settings: 'settings', changed: new Set(['a']), shardPages: 1000 })).toEqual([]);
    expect(beginEarlyShards({ dir, outDir, settings: 'settings', changed: new Set(), shardPages: 1000 })).toEqual([]);
  });
});
