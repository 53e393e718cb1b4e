import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { addToReasoning } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';
import { searchSite } from './helpers/site-search.ts';

/** A new word in one claim's reasoning: in no case before the edit. */
const NEW_WORD = 'زنجبيلية';

const casesDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-search-cases-'));
cpSync(path.join(ROOT, 'content/cases'), casesDir, { recursive: true });

let first: BuildRun;
let again: BuildRun;
let edited: BuildRun;
let browser: Browser;

function built(run: BuildRun): BuildRun {
  if (run.status !== 0) throw new Error(`build failed:\n${run.output}`);
  return run;
}

/** Every file of a Pagefind bundle with its bytes, for comparing two builds' indexes. */
function bundle(outDir: string): Record<string, string> {
  const dir = path.join(outDir, 'pagefind');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.')).sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
}

/** The result paths for `query` typed into the search box of a build's home page. */
const search = (run: BuildRun, query: string) => searchSite(browser, run.outDir, query);

beforeAll(async () => {
  first = built(runBuild({ casesDir, command: 'astro' }));
  again = built(runBuild({ casesDir, command: 'astro' }));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('the search index across rebuilds', () => {
  it('restores the kept index when no indexed page changed, byte for byte the index the first build wrote', () => {
    expect(again.output).toMatch(/search index: \d+ pages unchanged, index restored/);
    expect(bundle(again.outDir)).toEqual(bundle(first.outDir));
  });

  it('finds the seed case in the restored index', async () => {
    expect(await search(again, 'المسعود')).toContain('/cases/dumayr-raid/');
  });
});

describe('the search index after an edit', () => {
  beforeAll(() => {
    addToReasoning(path.join(casesDir, 'dumayr-raid.md'), `${NEW_WORD}.`);
    edited = built(runBuild({ casesDir, command: 'astro' }));
  });

  it('finds the edited case by a word the edit added, which the index kept from before the edit does not have', async () => {
    expect(await search(first, NEW_WORD)).toEqual([]);
    expect(await search(edited, NEW_WORD)).toEqual(['/cases/dumayr-raid/']);
  });
});
