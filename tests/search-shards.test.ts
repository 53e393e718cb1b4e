import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';
import { searchSite } from './helpers/site-search.ts';

/** A word unique to this run (a kept shard from an earlier run would otherwise be restored, and the test would not see a shard indexed). */
const uniqueWord = (stem: string, salt: number) => `${stem}${[...String(Date.now() + salt).slice(-6)].map((d) => 'بتثجحخدذرز'[Number(d)]).join('')}`;
/** A word in one claim's reasoning before the edit, and the word the edit puts in its place: each in no other page. */
const OLD_WORD = uniqueWord('قرنفل', 0);
const NEW_WORD = uniqueWord('زعفران', 1);
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
let undone: BuildRun;
let browser: Browser;

interface Manifest {
  shards: { path: string; languages: Record<string, number>; exclude?: string[] }[];
}
const manifest = (run: BuildRun) => JSON.parse(readFileSync(path.join(run.outDir, 'pagefind/shards.json'), 'utf8')) as Manifest;

/** The result paths for `query` typed into the search box of a build's home page. */
const search = (run: BuildRun, query: string) => searchSite(browser, run.outDir, query);

beforeAll(async () => {
  const file = path.join(casesDir, 'dumayr-raid.md');
  const original = readFileSync(file, 'utf8');
  const reasoning = 'فلا نعدّها مصدراً ثالثاً.';
  if (!original.includes(reasoning)) throw new Error(`dumayr-raid.md no longer contains ${reasoning}`);
  writeFileSync(file, original.replace(reasoning, `${reasoning} ${OLD_WORD}.`));
  first = built(runBuild({ casesDir, command: 'astro', env }));
  writeFileSync(file, original.replace(reasoning, `${reasoning} ${NEW_WORD}.`));
  edited = built(runBuild({ casesDir, command: 'astro', env }));
  writeFileSync(file, original.replace(reasoning, `${reasoning} ${OLD_WORD}.`));
  undone = built(runBuild({ casesDir, command: 'astro', env }));
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('a search index in shards', () => {
  it('lists every shard with its languages, the first one too', () => {
    // The shards of an earlier run of this file may serve with the edited page apart (the recent shard).
    const shards = manifest(first).shards.filter((s) => s.path !== 'recent/');
    expect(shards.map((s) => s.path)).toEqual(['', 's1/', 's2/']);
    expect(first.output).toMatch(/search index: \d+ pages (?:in \d+ ms|unchanged, index restored in \d+ ms) \(\d of 3 shards indexed, \d restored(?:; 1 page changed since its shard was indexed, indexed apart)?\)/);
    // Every searchable page is in exactly one shard.
    const counted = shards.reduce((n, s) => n + Object.values(s.languages).reduce((a, b) => a + b, 0), 0);
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

  it('indexes an edited page apart from its shard, which is restored; finds the edit and not the words it replaced', async () => {
    expect(edited.output).toMatch(/search index: \d+ pages in \d+ ms \(0 of 3 shards indexed, 3 restored; 1 page changed since its shard was indexed, indexed apart\)/);
    const shards = manifest(edited).shards;
    expect(shards.map((s) => s.path)).toEqual(['', 's1/', 's2/', 'recent/']);
    expect(shards.at(-1)!.languages).toEqual({ ar: 1 });
    // The edited page's entry in its shard is out of date: one id, listed by that shard alone.
    expect(shards.flatMap((s) => s.exclude ?? [])).toHaveLength(1);
    expect(await search(first, OLD_WORD)).toEqual(['/cases/dumayr-raid/']);
    expect(await search(first, NEW_WORD)).toEqual([]);
    expect(await search(edited, NEW_WORD)).toEqual(['/cases/dumayr-raid/']);
    expect(await search(edited, OLD_WORD)).toEqual([]);
    // A word of both versions: the page once, from the recent shard.
    expect(await search(edited, 'المسعود')).toEqual(['/cases/dumayr-raid/']);
  });

  it('serves the index as before the edit once the edit is undone, and leaves no recent shard it does not list', async () => {
    expect(undone.output).toMatch(/search index: \d+ pages unchanged, index restored in \d+ ms \(0 of 3 shards indexed, 3 restored(?:; 1 page changed since its shard was indexed, indexed apart)?\)/);
    expect(manifest(undone)).toEqual(manifest(first));
    expect(existsSync(path.join(undone.outDir, 'pagefind/recent'))).toBe(manifest(first).shards.some((s) => s.path === 'recent/'));
    expect(await search(undone, OLD_WORD)).toEqual(['/cases/dumayr-raid/']);
  });
});
