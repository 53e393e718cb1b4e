import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll, select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, axe, launch } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';
import { CASES_PER_PAGE, caseListPages, caseListPath } from '../src/core/case-list-pages.ts';
import { readSiteConfig } from '../src/core/site-config.ts';
import { uiFor } from '../src/i18n/ui.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

/** 2 × CASES_PER_PAGE + 7 cases: copies of the English sample case, reviewed on successive days. */
const COUNT = 2 * CASES_PER_PAGE + 7;
const casesDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-list-cases-'));
const sample = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');
const ids: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const id = `clinic-${String(i).padStart(3, '0')}`;
  const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  ids.push(id);
  writeFileSync(path.join(casesDir, `${id}.md`), sample.replace(/^reviewed: .*$/m, `reviewed: ${day}`).replace(/^title: "/m, `title: "${id}: `));
}
/** The interface strings of the site's language (content/site.yaml). */
const t = uiFor(readSiteConfig(ROOT).config!.lang);
/** Newest review first: the last copy was reviewed last. */
const newestFirst = [...ids].reverse();

describe('caseListPages', () => {
  it('cuts the cases, newest first, into pages of CASES_PER_PAGE, with one empty page for no case', () => {
    const cases = ids.map((id, i) => ({ id, reviewed: `2026-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    const pages = caseListPages(cases);
    expect(pages.map((p) => p.cases.length)).toEqual([CASES_PER_PAGE, CASES_PER_PAGE, 7]);
    expect(pages.every((p) => p.count === 3)).toBe(true);
    expect(pages.flatMap((p) => p.cases).map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(caseListPages([])).toEqual([{ number: 1, count: 1, cases: [] }]);
    expect([1, 2, 3].map(caseListPath)).toEqual(['', 'page/2/', 'page/3/']);
  });
});

describe(`a site of ${COUNT} cases`, () => {
  let build: BuildRun;
  const page = (route: string) => fromHtml(readFileSync(path.join(build.outDir, route, 'index.html'), 'utf8'));
  const listed = (route: string) => selectAll('li.case-card', page(route)).map((li) => String(li.properties['dataCase']));

  beforeAll(() => {
    build = runBuild({ casesDir, command: 'astro' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
  }, 240_000);

  it('lists every case exactly once across the home page and /page/2/, /page/3/, newest first', () => {
    const lists = ['', 'page/2/', 'page/3/'].map(listed);
    expect(lists.map((l) => l.length)).toEqual([CASES_PER_PAGE, CASES_PER_PAGE, 7]);
    expect(lists.flat()).toEqual(newestFirst);
  });

  it('links each list page to the newer and older ones, and says which page it is', () => {
    const pager = (route: string) => {
      const nav = select('nav.pager', page(route))!;
      const link = (rel: string) => select(`a[rel="${rel}"]`, nav)?.properties['href'];
      return { prev: link('prev'), next: link('next'), current: toString(select('[aria-current="page"]', nav)!) };
    };
    expect(pager('')).toEqual({ prev: undefined, next: '/page/2/', current: t.pageOf(1, 3) });
    expect(pager('page/2/')).toEqual({ prev: '/', next: '/page/3/', current: t.pageOf(2, 3) });
    expect(pager('page/3/')).toEqual({ prev: '/page/2/', next: undefined, current: t.pageOf(3, 3) });
    expect(toString(select('h1', page('page/3/'))!)).toBe(`${t.casesHeading}: ${t.pageOf(3, 3)}`);
  });

  it('lists the same English cases on /en/, /en/page/2/, /en/page/3/ in English, each linking to the newer and older ones under /en/', () => {
    const en = uiFor('en');
    expect(['en/', 'en/page/2/', 'en/page/3/'].map(listed).flat()).toEqual(newestFirst);
    const pager = (route: string) => selectAll('nav.pager a', page(route)).map((a) => [a.properties['rel'], a.properties['href']].flat().join(' '));
    expect(pager('en/')).toEqual(['next /en/page/2/']);
    expect(pager('en/page/2/')).toEqual(['prev /en/', 'next /en/page/3/']);
    expect(pager('en/page/3/')).toEqual(['prev /en/page/2/']);
    expect(toString(select('h1', page('en/page/3/'))!)).toBe(`${en.casesHeading}: ${en.pageOf(3, 3)}`);
    expect(select('html', page('en/page/3/'))!.properties).toMatchObject({ lang: 'en', dir: 'ltr' });
  });

  it('gives each list page a description of its own, naming the page (search engines take the same one twice for a duplicate)', () => {
    const description = (route: string) => select('meta[name="description"]', page(route))!.properties['content'];
    const routes = ['', 'page/2/', 'page/3/', 'en/', 'en/page/2/', 'en/page/3/'];
    expect(new Set(routes.map(description)).size).toBe(routes.length);
    expect(description('page/2/')).toBe(`${t.pageOf(2, 3)}: ${t.siteTagline}`);
    expect(description('en/page/3/')).toBe(`${uiFor('en').pageOf(3, 3)}: ${uiFor('en').siteTagline}`);
  });

  it('keeps the feed to the newest cases, the same as the home page', () => {
    const feed = readFileSync(path.join(build.outDir, 'feed.xml'), 'utf8');
    const entries = [...feed.matchAll(/<entry[\s\S]*?<id>https?:\/\/[^<]*\/cases\/([^/<]+)\/<\/id>/g)].map((m) => m[1]);
    expect(entries).toEqual(newestFirst.slice(0, CASES_PER_PAGE));
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      browser = await launch();
      site = await serveStatic(build.outDir);
    });
    afterAll(async () => {
      await site?.close();
      await browser?.close();
    });

    for (const width of [360, 1280]) {
      it(`has no axe-core violations on /page/2/ at ${width} px, never scrolls sideways, and goes to the older page by its link (screenshot saved)`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const tab = await context.newPage();
        await tab.goto(`${site.url}/page/2/`);
        await tab.screenshot({ path: path.join(ARTIFACTS, `case-list-page-2-${width}.png`), fullPage: true });
        expect(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await axe(tab), 'axe-core violations').toEqual([]);
        await tab.locator('nav.pager a[rel="next"]').click();
        await expect.poll(() => new URL(tab.url()).pathname).toBe('/page/3/');
        await context.close();
      });
    }
  });
});
