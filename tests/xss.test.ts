/**
 * XSS in a real browser: a site built from a case whose every field carries a payload
 * (title, summary, publisher, url, reviewers, notes, claim statement, claimant, missing,
 * reasoning, link titles, image alt) is opened in Chromium; no dialog may open, no payload
 * may run (they set `window.__pwned`), and the payloads must be visible as text.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { launch } from './helpers/browser.ts';
import { ROOT } from './helpers/seed.ts';
import { serveStatic } from './helpers/static-server.ts';

function htmlPages(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return htmlPages(full, base);
    return name.endsWith('.html') ? [path.relative(base, full).split(path.sep).join('/')] : [];
  });
}

describe('a site built from cases full of script payloads', () => {
  let build: BuildRun;
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    build = runBuild({ casesDir: path.join(ROOT, 'tests/fixtures/xss-site') });
    browser = await launch();
    server = await serveStatic(build.outDir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds, publishing the case', () => {
    expect(build.status, build.output.slice(-2000)).toBe(0);
    expect(htmlPages(build.outDir)).toContain('cases/payloads/index.html');
  });

  it('opens every page in Chromium without a dialog or a payload running, and shows the payloads as text', async () => {
    const pages = htmlPages(build.outDir);
    expect(pages.length).toBeGreaterThan(0);
    const dialogs: string[] = [];
    for (const page of pages) {
      const tab = await browser.newPage();
      tab.on('dialog', (dialog) => {
        dialogs.push(`${page}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await tab.goto(`${server.url}/${page.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
      // Give event-handler payloads (onerror of a broken image, onload) time to fire, and hover every link.
      for (const link of await tab.locator('a[title]').all()) await link.hover({ timeout: 1000 }).catch(() => undefined);
      await tab.waitForTimeout(200);
      expect(await tab.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), page).toBeUndefined();
      if (page === 'cases/payloads/index.html') {
        const text = await tab.evaluate(() => document.body.innerText);
        expect(text).toContain("<script>window.__pwned='reviewer';alert('reviewer')</script>");
        expect(text).toContain("<svg onload=alert('claimant2')>");
        expect(text).toContain("<script>window.__pwned='reasoning';alert('reasoning')</script>");
        expect(await tab.locator('script:not([type="application/ld+json"]):not([src])').evaluateAll((els) => els.map((e) => e.textContent ?? '').filter((t) => t.includes('__pwned') || t.includes('alert(')))).toEqual([]);
      }
      await tab.close();
    }
    expect(dialogs).toEqual([]);
  });
});
