import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { addToReasoning } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';
import { searchIn, searchSite } from './helpers/site-search.ts';
import { serveStatic } from './helpers/static-server.ts';

/**
 * A word added to one claim's reasoning: in no case before the edit, and new on every run (a kept shard from an
 * earlier run would otherwise be restored, and the test would not see a shard indexed again).
 */
const NEW_WORD = `زعفران${[...String(Date.now()).slice(-6)].map((d) => 'بتثجحخدذرز'[Number(d)]).join('')}`;
/** Shards of 4 pages: the project's 10 searchable pages make 3, as 4,000 cases make 5 at the default 1,000. */
const env = { TAHQIQ_SEARCH_SHARD_PAGES: '4' };

const casesDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-shard-cases-'));
cpSync(path.join(ROOT, 'content/cases'), casesDir, { recursive: true });

function built(run: BuildRun): BuildRun {
  if (run.status !== 0) throw new Error(`build failed:\n${run.output}`);
  return run;
}

let first: BuildRun;
let edited: BuildRun;
let browser: Browser;

/** The result paths for `query` typed into the search box of a build's home page. */
const search = (run: BuildRun, query: string) => searchSite(browser, run.outDir, query);

beforeAll(async () => {
  first = built(runBuild({ casesDir, command: 'astro', env }));
  addToReasoning(path.join(casesDir, 'dumayr-raid.md'), `${NEW_WORD}.`);
  edited = built(runBuild({ casesDir, command: 'astro', env }));
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('a search index in shards', () => {
  it('lists every shard with its languages, the first one too', () => {
    const manifest = JSON.parse(readFileSync(path.join(first.outDir, 'pagefind/shards.json'), 'utf8')) as { shards: { path: string; languages: Record<string, number> }[] };
    expect(manifest.shards.map((s) => s.path)).toEqual(['', 's1/', 's2/']);
    expect(first.output).toMatch(/search index: \d+ pages (?:in \d+ ms|unchanged, index restored in \d+ ms) \(\d of 3 shards indexed, \d restored\)/);
    // Every searchable page is in exactly one shard.
    const counted = manifest.shards.reduce((n, s) => n + Object.values(s.languages).reduce((a, b) => a + b, 0), 0);
    const single = JSON.parse(readFileSync(path.join(first.outDir, 'pagefind/pagefind-entry.json'), 'utf8')) as object;
    expect(single).toHaveProperty('languages');
    expect(counted).toBeGreaterThan(2);
  });

  it('finds the Arabic seed case and the English case from the Arabic home page, each once', async () => {
    for (const query of ['الغارة', 'المسعود']) expect(await search(first, query)).toEqual(['/cases/dumayr-raid/']);
    const english = await search(first, 'Riverside');
    expect(english).toContain('/cases/riverside-clinic/');
    expect(new Set(english).size).toBe(english.length);
  });

  it('searches after a deploy that removed a shard, in a browser that cached the list of shards before it', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'tahqiq-deploy-'));
    cpSync(first.outDir, site, { recursive: true });
    const server = await serveStatic(site, { cacheControl: 'public, max-age=300, must-revalidate' });
    // One context: its HTTP cache is the reader's browser cache, kept from one page to the next.
    const context = await browser.newContext();
    const resultsOf = (query: string) => searchIn(context, server.url, query);
    try {
      expect(await resultsOf('Riverside')).toContain('/cases/riverside-clinic/');
      // The deploy: a shard with Arabic pages is gone (the archive changed size), and the list says so.
      const list = path.join(site, 'pagefind/shards.json');
      const { shards } = JSON.parse(readFileSync(list, 'utf8')) as { shards: { path: string; languages: Record<string, number> }[] };
      const gone = shards.find((shard) => shard.path !== '' && 'ar' in shard.languages)!;
      rmSync(path.join(site, 'pagefind', gone.path), { recursive: true });
      writeFileSync(list, JSON.stringify({ shards: shards.filter((shard) => shard !== gone) }));
      // The same browser, a page opened after the deploy: it must not search with the list it cached, and finds what a
      // reader new to the site finds.
      expect(await resultsOf('المسعود')).toEqual(await searchSite(browser, site, 'المسعود'));
    } finally {
      await context.close();
      await server.close();
    }
  });

  it('indexes again only the shards whose pages an edit changed, and finds the edit', async () => {
    const line = /search index: \d+ pages in \d+ ms \((\d) of 3 shards indexed, (\d) restored\)/.exec(edited.output);
    expect(line, edited.output.slice(-2000)).not.toBeNull();
    expect(Number(line![1])).toBeLessThan(3);
    expect(Number(line![2])).toBeGreaterThan(0);
    expect(await search(first, NEW_WORD)).toEqual([]);
    expect(await search(edited, NEW_WORD)).toEqual(['/cases/dumayr-raid/']);
  });
});
