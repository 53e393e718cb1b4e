import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaPolicy } from '../src/integrations/security-headers.ts';
import type { BuildRun } from './helpers/build.ts';
import { serveBuiltSite, type ServedSite } from './helpers/served-site.ts';

let build: BuildRun;
let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let served: ServedSite;

beforeAll(async () => {
  served = await serveBuiltSite();
  ({ site, browser, build } = served);
});

afterAll(async () => {
  await served?.close();
});

const pages = () => readdirSync(build.outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The Content-Security-Policy `_headers` gives a page (its route rule), e.g. `cases/dumayr-raid/index.html`. */
function headerPolicy(file: string): string {
  const route = `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
  const lines = readFileSync(path.join(build.outDir, '_headers'), 'utf8').split('\n');
  const at = lines.indexOf(route);
  expect(at, `rule for ${route}`).toBeGreaterThanOrEqual(0);
  expect(lines[at + 1]).toMatch(/^  Content-Security-Policy: /);
  return lines[at + 1]!.split(': ').slice(1).join(': ');
}

describe('Content-Security-Policy', () => {
  it('allows no inline script or style except by hash, in the header and in every page\'s meta', () => {
    for (const file of pages()) {
      for (const policy of [headerPolicy(file), metaPolicy(readFileSync(path.join(build.outDir, file), 'utf8'))!]) {
        expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\s\*/);
        expect(policy).toMatch(/default-src 'none'/);
      }
      expect(headerPolicy(file)).toContain("frame-ancestors 'none'");
    }
  });

  it('lists the hash of every inline script and style of every page, in the page\'s meta and in the header', () => {
    for (const file of pages()) {
      const header = headerPolicy(file);
      const html = readFileSync(path.join(build.outDir, file), 'utf8');
      const tree = fromHtml(html);
      const meta = metaPolicy(html)!;
      const inline = [
        ...selectAll('script:not([src]):not([type="application/ld+json"])', tree).map((s) => ['script-src', toString(s)] as const),
        ...selectAll('style', tree).map((s) => ['style-src', toString(s)] as const),
      ];
      for (const [directive, text] of inline) {
        const hash = sha256(text);
        expect(meta.split(';').find((d) => d.trim().startsWith(directive)), `${file} ${directive}`).toContain(hash);
        expect(header.split(';').find((d) => d.trim().startsWith(directive)), `_headers ${file} ${directive}`).toContain(hash);
      }
    }
  });

  it('caches content-hashed assets for a year and pages briefly', () => {
    const headers = readFileSync(path.join(build.outDir, '_headers'), 'utf8');
    expect(headers).toMatch(/\/_astro\/\*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable/);
    expect(headers).toMatch(/^\/\*\n[\s\S]*?Cache-Control: public, max-age=300, must-revalidate/m);
  });

  it('serves the source texts and annotations as UTF-8 whatever type the host guesses', () => {
    const headers = readFileSync(path.join(build.outDir, '_headers'), 'utf8');
    expect(headers).toContain('/cases/:id/sources/*\n  ! Content-Type\n  Content-Type: text/plain; charset=utf-8\n');
    expect(headers).toContain('/cases/:id/annotations.jsonld\n  ! Content-Type\n  Content-Type: application/ld+json; charset=utf-8\n');
  });

  it('reports no violation in Chromium while reading a case, filtering it and searching', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${site.url}/cases/dumayr-raid/`);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('table.claims')!).borderCollapse)).toBe('collapse');
    await page.locator('nav[data-filter] a[data-filter-status="disputed"]').click();
    await page.goto(`${site.url}/`);
    await page.locator('#site-search-input').fill('المسعود');
    await page.locator('[data-search-results] li a').first().waitFor({ timeout: 15_000 });
    await page.goto(`${site.url}/methodology/en/`);
    expect(violations).toEqual([]);
    await context.close();
  });
});
