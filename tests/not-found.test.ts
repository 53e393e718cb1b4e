import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe } from './helpers/browser.ts';
import { serveBuiltSite, type ServedSite } from './helpers/served-site.ts';

let served: ServedSite;

beforeAll(async () => {
  served = await serveBuiltSite();
});

afterAll(async () => {
  await served?.close();
});

/**
 * A host serves `404.html` (status 404) for an address that names no page. Without one, Cloudflare Pages takes the
 * site for a single-page app and answers every unknown address with the home page and status 200
 * (developers.cloudflare.com/pages/configuration/serving-pages/#single-page-application-spa-rendering).
 */
describe('the not-found page', () => {
  const read = (file: string) => readFileSync(path.join(served.build.outDir, file), 'utf8');

  it('is built at the root as 404.html, in the site language, never indexed, with no canonical address', () => {
    expect(existsSync(path.join(served.build.outDir, '404.html'))).toBe(true);
    const page = fromHtml(read('404.html'));
    expect(select('html', page)!.properties['lang']).toBe('ar');
    expect(select('meta[name="robots"]', page)?.properties['content']).toBe('noindex');
    expect(select('link[rel="canonical"]', page)).toBeUndefined();
    expect(select('meta[property="og:url"]', page)).toBeUndefined();
    expect(select('main[data-pagefind-body]', page)).toBeUndefined();
    // Links are root-relative (the page is served at any depth) and lead on to the cases.
    expect(selectAll('.case-card a[href="/cases/dumayr-raid/"]', page)).toHaveLength(1);
    expect(read('sitemap.xml')).not.toContain('404');
  });

  for (const width of [360, 1280]) {
    it(`reads as the site does, served at an unknown address (${width} px): no axe-core violations, no sideways scroll`, async () => {
      const context = await served.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      // As a host serves it: the body of 404.html at the address asked for.
      await page.route('**/cases/no-such-case/', (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: read('404.html') }));
      await page.goto(`${served.site.url}/cases/no-such-case/`);
      expect(await page.locator('h1').textContent()).toBe('الصفحة غير موجودة');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('.site-header a.site-name').evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)).toBe('/');
      expect(await axe(page)).toEqual([]);
      await context.close();
    });
  }
});
