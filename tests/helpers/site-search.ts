import type { Browser, BrowserContext } from 'playwright-core';
import { serveStatic } from './static-server.ts';

/** Opens `siteUrl`'s home page in `context`, types `query` into its search box and returns the result paths, in order. */
export async function searchIn(context: BrowserContext, siteUrl: string, query: string): Promise<string[]> {
  const page = await context.newPage();
  try {
    await page.goto(`${siteUrl}/`);
    await page.locator('#site-search-input').fill(query);
    await page.locator('[data-search-status]').filter({ hasText: /\d/ }).waitFor({ timeout: 15_000 });
    return await page.locator('[data-search-results] li a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  } finally {
    await page.close();
  }
}

/** Serves a built site, types `query` into the home page's search box (in a fresh browser context) and returns the result paths, in order. */
export async function searchSite(browser: Browser, outDir: string, query: string): Promise<string[]> {
  const site = await serveStatic(outDir);
  const context = await browser.newContext();
  try {
    return await searchIn(context, site.url, query);
  } finally {
    await context.close();
    await site.close();
  }
}
