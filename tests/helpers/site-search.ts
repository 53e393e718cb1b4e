import type { Browser } from 'playwright-core';
import { serveStatic } from './static-server.ts';

/** Serves a built site, types `query` into the home page's search box and returns the result paths, in order. */
export async function searchSite(browser: Browser, outDir: string, query: string): Promise<string[]> {
  const site = await serveStatic(outDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/`);
    await page.locator('#site-search-input').fill(query);
    await page.locator('[data-search-status]').filter({ hasText: /\d/ }).waitFor({ timeout: 15_000 });
    return await page.locator('[data-search-results] li a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  } finally {
    await context.close();
    await site.close();
  }
}
