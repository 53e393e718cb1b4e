import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, type ServedSite } from './helpers/served-site.ts';

/** A token no font can fit in 360 px: a long URL with no break opportunity. */
const LONG_TOKEN = `https://example.org/${'averyveryverylongpathsegment'.repeat(12)}?q=${'x'.repeat(120)}`;

/** Every place a case page shows text from a case file or a source: each table column, the quote, the summary, the notes, the source view. */
const TEXT_PLACES = [
  '.case-header h1',
  '.at-a-glance .summary',
  'table.claims tbody tr[data-status] .cell-claim .claim-label',
  'table.claims tbody tr[data-status] .claim-quote p',
  'table.claims tbody tr[data-status] .cell-status',
  'table.claims tbody tr[data-status] .cell-claimant',
  'table.claims tbody tr[data-status] .cell-evidence',
  'table.claims tbody tr[data-status] .cell-source',
  '.source-meta dd',
  '.source-text .source-block',
];

let site: { url: string; close: () => Promise<void> };
let browser: Browser;
let served: ServedSite;

beforeAll(async () => {
  served = await serveBuiltSite();
  ({ site, browser } = served);
});

afterAll(async () => {
  await served?.close();
});

async function phone(route: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await page.goto(site.url + route);
  return page;
}

/** Roles Chromium exposes to assistive technology, from its accessibility tree. */
async function axNodes(page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string }; name?: { value?: string } }[] };
  return nodes.map((n) => ({ role: String(n.role?.value ?? ''), name: String(n.name?.value ?? '') }));
}

async function axRoles(page: Page): Promise<string[]> {
  return (await axNodes(page)).map((n) => n.role);
}

describe('long tokens on a 360 px phone', () => {
  for (const route of ['/cases/dumayr-raid/', '/cases/riverside-clinic/']) {
    it(`wraps a very long URL in every column and in the source view instead of scrolling sideways (${route})`, async () => {
      const page = await phone(route);
      const injected = await page.evaluate(({ places, token }) => {
        let n = 0;
        for (const selector of places) {
          for (const el of document.querySelectorAll(selector)) {
            el.append(document.createTextNode(` ${token} `));
            n++;
          }
        }
        return n;
      }, { places: TEXT_PLACES, token: LONG_TOKEN });
      expect(injected).toBeGreaterThanOrEqual(TEXT_PLACES.length);
      const overflowing = await page.evaluate(() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 || el.getBoundingClientRect().left < -0.5)
          .filter((el) => !el.closest('.visually-hidden, thead, .backref-text'))
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
        return { scroll: root.scrollWidth, client: root.clientWidth, wide: [...new Set(wide)].slice(0, 10) };
      });
      expect(overflowing.wide).toEqual([]);
      expect(overflowing.scroll).toBeLessThanOrEqual(overflowing.client);
      await page.context().close();
    });
  }
});

describe('text at twice its size on a 360 px phone (a reader\'s larger text setting)', () => {
  for (const route of ['/', '/cases/dumayr-raid/', '/cases/riverside-clinic/', '/methodology/ar/', '/ratings/en/']) {
    it(`reflows without scrolling sideways (${route})`, async () => {
      const page = await phone(route);
      // Set through the CSS object model: the page's Content-Security-Policy refuses an injected stylesheet.
      await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, route).toBeLessThanOrEqual(client);
      await page.context().close();
    });
  }
});

describe('the claims table on a phone', () => {
  it('keeps its table semantics (table, rows, row and column headers, cells) while the rows read as cards, with no ARIA roles', async () => {
    const page = await phone('/cases/dumayr-raid/');
    expect(await page.locator('table.claims [role], table.claims[role]').count()).toBe(0);
    const display = await page.locator('table.claims tbody tr[data-status]').first().evaluate((tr) => getComputedStyle(tr).display);
    expect(display).toBe('table-row');
    const roles = await axRoles(page);
    const rows = await page.locator('table.claims tbody tr[data-status]').count();
    expect(roles.filter((r) => r === 'table')).toHaveLength(1);
    expect(roles.filter((r) => r === 'row').length).toBeGreaterThanOrEqual(rows + 1);
    expect(roles.filter((r) => r === 'rowheader')).toHaveLength(rows);
    expect(roles.filter((r) => r === 'columnheader')).toHaveLength(6);
    expect(roles.filter((r) => r === 'cell')).toHaveLength(rows * 5);
    await page.context().close();
  });

  it('names each row by its claim number and each cell by its content alone: the labels shown on a card are for the eye', async () => {
    const page = await phone('/cases/dumayr-raid/');
    const nodes = await axNodes(page);
    const headers = nodes.filter((n) => n.role === 'rowheader').map((n) => n.name);
    expect(headers.length).toBeGreaterThanOrEqual(15);
    headers.forEach((name, i) => expect(name).toBe(`الادعاء ${i + 1}`));
    const labels = await page.locator('table.claims tbody td[data-label]').evaluateAll((tds) => [...new Set(tds.map((td) => td.getAttribute('data-label')!))]);
    const cells = nodes.filter((n) => n.role === 'cell').map((n) => n.name);
    for (const label of labels) expect(cells.filter((name) => name.startsWith(`${label} `)), label).toEqual([]);
    await page.context().close();
  });
});

describe('the claims table on a desktop', () => {
  for (const [width, textSize] of [[900, 1], [1000, 1], [1280, 1.5]] as const) {
    it(`never breaks a short word of a cell across lines (${width} px, text at ${textSize * 100}%)`, async () => {
      for (const route of ['/cases/dumayr-raid/', '/cases/riverside-clinic/']) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        await page.goto(site.url + route);
        await page.evaluate((size) => document.documentElement.style.setProperty('font-size', `${size * 100}%`, 'important'), textSize);
        expect(await page.locator('table.claims thead').isVisible()).toBe(true);
        // A word of up to 9 letters fits any column in any font; a column squeezed narrower splits one (`Septembe` / `r`).
        const broken = await page.evaluate(() => {
          const found: string[] = [];
          const walker = document.createTreeWalker(document.querySelector('table.claims tbody')!, NodeFilter.SHOW_TEXT);
          for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
            if (text.parentElement!.closest('.visually-hidden, .backref-text')) continue;
            for (const match of text.data.matchAll(/[\p{L}\p{N}]+/gu)) {
              if (match[0].length > 9) continue;
              const range = document.createRange();
              range.setStart(text, match.index);
              range.setEnd(text, match.index + match[0].length);
              if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) found.push(match[0]);
            }
          }
          return found;
        });
        expect(broken, route).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), route).toBe(true);
        await context.close();
      }
    });
  }

  for (const route of ['/cases/dumayr-raid/', '/cases/riverside-clinic/']) {
    it(`never breaks a column heading inside a word (${route})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(site.url + route);
      // Each word of each heading on one line box: a word broken across lines has a rectangle per piece.
      const broken = await page.evaluate(() => {
        const found: string[] = [];
        for (const th of document.querySelectorAll('table.claims thead th')) {
          const text = th.firstChild;
          if (!(text instanceof Text)) continue;
          for (const match of text.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            if (range.getClientRects().length > 1) found.push(match[0]);
          }
        }
        return found;
      });
      expect(await page.locator('table.claims thead th').count()).toBe(6);
      expect(broken).toEqual([]);
      await context.close();
    });
  }
});
