import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { bidiPieces } from '../src/core/bidi-runs.ts';
import { markdownToHtml } from '../src/core/markdown-html.ts';
import { runBuild } from './helpers/build.ts';
import { ARTIFACTS, axe, launch } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';

const AR = '/cases/dumayr-raid/';
const EN = '/cases/riverside-clinic/';
const WIDTHS = [360, 1280] as const;

let site: { url: string; close: () => Promise<void> };
let browser: Browser;
const axeFigures: string[] = [];

beforeAll(async () => {
  const build = runBuild();
  if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
  site = await serveStatic(build.outDir);
  browser = await launch();
});

afterAll(async () => {
  if (axeFigures.length) console.log(`axe-core violations per page:\n${axeFigures.join('\n')}`);
  await browser?.close();
  await site?.close();
});

async function open(route: string, options: { width?: number; javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  await page.goto(site.url + route);
  return { context, page };
}

/** Is the element at least partly inside the viewport? */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  });
}

/** The back links in the source view whose label shows (not clipped to a pixel), with the text a reader sees. */
async function shownBackLabels(page: Page): Promise<{ href: string; text: string; inMarks: string[] }[]> {
  return page.locator('.source-text a.backref').evaluateAll((links) => links
    .filter((a) => [...a.querySelectorAll('.backref-text')].some((label) => label.getBoundingClientRect().width > 2))
    .map((a) => ({ href: a.getAttribute('href')!, text: (a as HTMLElement).innerText, inMarks: (a.parentElement!.getAttribute('data-passages') ?? a.parentElement!.id).split(' ') })));
}

/**
 * The targeted passage's own back link shows its label, its number once ("Back to claim 3", never "3Back to claim 3"),
 * and no other back link shows its label, whatever passages share its words.
 */
async function expectOwnBackLabel(page: Page, anchor: string, back: string): Promise<void> {
  const shown = await shownBackLabels(page);
  const own = shown.find((l) => l.href === back);
  expect(own, `${anchor}: visible back label`).toBeDefined();
  expect(own!.text.match(/\d+/g), `${anchor}: the number once in "${own!.text}"`).toHaveLength(1);
  expect(shown.map((l) => l.href), `${anchor}: only its own label`).toEqual([back]);
}

describe('following claims to their source and back', () => {
  for (const width of WIDTHS) {
    it(`lands every source link on its highlighted quote, in view, and the back link returns to the row (${width} px)`, async () => {
      const { context, page } = await open(AR, { width });
      const ids = await page.locator('table.claims tbody tr[data-status]').evaluateAll((rows) => rows.map((r) => r.id));
      expect(ids.length).toBeGreaterThanOrEqual(15);
      for (const id of ids) {
        await page.locator(`tr[id="${id}"] a.to-source`).click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#quote-${id}`);
        // The target is the quote's first mark (or an anchor just before it); a quote sharing words with another passage spans several marks.
        const target = `[id="quote-${id}"]`;
        const marks = `mark[id="quote-${id}"], mark[data-passages~="quote-${id}"]`;
        const quote = (await page.locator(`tr[id="${id}"] blockquote.claim-quote`).innerText()).trim();
        const markText = await page.locator(marks).evaluateAll((els) => els.map((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.backref, .note-ref').forEach((b) => b.remove());
          return copy.textContent;
        }).join('').trim());
        expect(markText, id).toBe(quote.replace(/^«|»$/g, '').replace(/^“|”$/g, ''));
        expect(await inViewport(page, target), `${id} in view`).toBe(true);
        expect(await page.locator(target).evaluate((el) => el.matches(':target')), `${id} targeted`).toBe(true);
        const highlighted = await page.locator(marks).evaluateAll((els) => els.every((el) => getComputedStyle(el).outlineStyle !== 'none'));
        expect(highlighted, `${id} highlighted in every segment`).toBe(true);
        await expectOwnBackLabel(page, `quote-${id}`, `#${id}`);
        const back = page.locator(marks).last().locator(`a.backref[href="#${id}"]`);
        await back.click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${id}`);
        expect(await inViewport(page, `tr[id="${id}"]`), `row ${id} in view`).toBe(true);
      }
      await context.close();
    });
  }

  it('follows a claim to its source with the keyboard alone', async () => {
    const { context, page } = await open(AR);
    await page.locator('tr[data-status] a.to-source').first().focus();
    await page.keyboard.press('Enter');
    const first = await page.locator('tr[data-status]').first().getAttribute('id');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#quote-${first}`);
    await page.locator(`mark[id="quote-${first}"] a.backref[href="#${first}"], mark[data-passages~="quote-${first}"] a.backref[href="#${first}"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${first}`);
    await context.close();
  });
});

describe('keyboard use', () => {
  it('reaches every claim link in table order with Tab, with a visible focus ring', async () => {
    const { context, page } = await open(AR);
    const expected = await page.locator('tr[data-status] a.to-source').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const reached: string[] = [];
    const unringed: string[] = [];
    for (let i = 0; i < 400 && reached.length < expected.length; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { href: el.getAttribute('href'), source: el.classList.contains('to-source'), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!focus) continue;
      if (!focus.ring) unringed.push(String(focus.href));
      if (focus.source && focus.href) reached.push(focus.href);
    }
    expect(reached).toEqual(expected);
    expect(unringed).toEqual([]);
    await context.close();
  });

  for (const [route, javaScriptEnabled] of [[AR, true], [AR, false], [EN, true]] as const) {
    it(`after following a claim's link to a quote that shares words with another passage, the next Tab reaches that claim's own back link (${route.split('/')[2]}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page } = await open(route, { javaScriptEnabled });
      const ids = await page.locator('table.claims tbody tr[data-status]').evaluateAll((rows) => rows.map((r) => r.id));
      const overlapping: string[] = [];
      const missed: string[] = [];
      for (const id of ids) {
        if ((await page.locator(`mark.overlap:is([id="quote-${id}"], [data-passages~="quote-${id}"])`).count()) === 0) continue;
        overlapping.push(id);
        await page.locator(`tr[id="${id}"] a.to-source`).focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#quote-${id}`);
        await page.keyboard.press('Tab');
        const reached = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.matches('.source-text a.backref') ? el.getAttribute('href') : (el?.outerHTML.slice(0, 80) ?? 'nothing');
        });
        if (reached !== `#${id}`) missed.push(`${id}: Tab reached ${reached}`);
      }
      expect(overlapping.length, 'claims whose quote overlaps another passage').toBeGreaterThanOrEqual(route === AR ? 20 : 5);
      expect(missed).toEqual([]);
      await context.close();
    });
  }

  it('after following an evidence item\'s or a note\'s link into the source, the next Tab reaches its own back link or note marker (dumayr-raid)', async () => {
    const { context, page } = await open(AR);
    const links = await page.locator('.evidence li > a, li a.to-note-passage').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, back: `#${a.closest('li[id]')!.id}` })));
    expect(links.length).toBeGreaterThanOrEqual(50);
    const missed: string[] = [];
    for (const { href, back } of links) {
      await page.locator(`li[id="${back.slice(1)}"] a[href="${href}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
      await page.keyboard.press('Tab');
      const reached = await page.evaluate(() => {
        const el = document.activeElement;
        return el?.matches('.source-text :is(a.backref, a.note-ref)') ? el.getAttribute('href') : (el?.outerHTML.slice(0, 80) ?? 'nothing');
      });
      if (reached !== back) missed.push(`${href}: Tab reached ${reached}, not ${back}`);
    }
    expect(missed).toEqual([]);
    await context.close();
  });

  it('offers a skip link as the first Tab stop', async () => {
    const { context, page } = await open(AR);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await context.close();
  });
});

describe('filtering by status', () => {
  async function visibleStatuses(page: Page): Promise<string[]> {
    return page.locator('table.claims tbody tr[data-status]:visible').evaluateAll((rows) => [...new Set(rows.map((r) => (r as HTMLElement).dataset['status'] ?? ''))]);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`filters in place on the same page, puts the filter in a shareable URL, and Back restores all (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page } = await open(AR, { javaScriptEnabled });
      const total = await page.locator('table.claims tbody tr[data-status]').count();
      let loads = 0;
      page.on('load', () => loads++);
      await page.locator('nav[data-filter] a[data-filter-status="disputed"]').click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#status-disputed');
      expect(await visibleStatuses(page)).toEqual(['disputed']);
      expect(await page.evaluate(() => location.pathname)).toBe(AR);
      if (javaScriptEnabled) {
        expect(await page.locator('nav[data-filter] a[aria-current="page"]').getAttribute('data-filter-status')).toBe('disputed');
        // The caption gives the count of the filtered claims: a figure, or the Arabic dual/singular (two disputed claims: «ادعاءان»).
        expect(await page.locator('table.claims caption').innerText()).toMatch(/\d|ادعاءان|ادعاء واحد/);
      }
      // The current filter is visible without JavaScript too.
      const current = await page.locator('nav[data-filter] a[data-filter-status="disputed"]').evaluate((a) => getComputedStyle(a).backgroundColor);
      const other = await page.locator('nav[data-filter] a[data-filter-status="confirmed"]').evaluate((a) => getComputedStyle(a).backgroundColor);
      expect(current).not.toBe(other);
      // Filtered in place: a fragment navigation, no page load.
      expect(loads).toBe(0);
      await page.goBack();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
      expect(await page.locator('table.claims tbody tr[data-status]:visible').count()).toBe(total);
      await context.close();
    });

    it(`opens a shared filtered URL already filtered, and a back link to a filtered-out row still shows it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { context, page } = await open(`${AR}#status-confirmed`, { javaScriptEnabled });
      expect(await visibleStatuses(page)).toEqual(['confirmed']);
      // Readers are told what the view shows: by the caption and the current link with JavaScript, by the note in the
      // view's anchor without it (no link then claims to be the current one).
      const note = page.locator('[id="status-confirmed"] .status-view-note');
      const shown = await page.locator('table.claims tbody tr[data-status="confirmed"]').count();
      const total = await page.locator('table.claims tbody tr[data-status]').count();
      if (javaScriptEnabled) {
        expect(await note.evaluate((el) => getComputedStyle(el).display)).toBe('none');
        expect(await page.locator('nav[data-filter] a[aria-current="page"]').getAttribute('data-filter-status')).toBe('confirmed');
      } else {
        expect(await note.evaluate((el) => getComputedStyle(el).display)).toBe('block');
        // Seen, not only heard: the caption above the rows still counts every claim.
        expect((await note.boundingBox())!.width).toBeGreaterThan(100);
        expect(await note.textContent()).toBe(`لا يعرض الجدول إلا الادعاءات التي حكمها «مؤكد»: ${shown} من ${total}.`);
        expect(await page.locator('nav[data-filter] a[aria-current]').count()).toBe(0);
      }
      const hiddenId = await page.locator('table.claims tbody tr[data-status="disputed"]').first().getAttribute('id');
      expect(await page.locator(`tr[id="${hiddenId}"]`).isVisible()).toBe(false);
      await page.locator(`mark[id="quote-${hiddenId}"] a.backref[href="#${hiddenId}"], mark[data-passages~="quote-${hiddenId}"] a.backref[href="#${hiddenId}"]`).click();
      await expect.poll(() => page.locator(`tr[id="${hiddenId}"]`).isVisible()).toBe(true);
      expect(await inViewport(page, `tr[id="${hiddenId}"]`)).toBe(true);
      await context.close();
    });
  }

  it('links each tally count to its status view on the same page', async () => {
    const { context, page } = await open(AR, { javaScriptEnabled: false });
    await page.locator('.tally-counts li[data-status="unconfirmed"] a').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#status-unconfirmed');
    expect(await visibleStatuses(page)).toEqual(['unconfirmed']);
    await context.close();
  });
});

describe('direction and language', () => {
  it('lays out the Arabic case right to left and the English case left to right', async () => {
    const { context, page } = await open(AR);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('rtl');
    expect(await page.locator('table.claims caption').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await page.goto(site.url + EN);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('ltr');
    expect(await page.locator('.badge-text').first().innerText()).toMatch(/Confirmed|Unconfirmed|Disputed/);
    await context.close();
  });

  it('puts the row start (the status border) on the right in Arabic and on the left in English', async () => {
    const { context, page } = await open(AR);
    const side = (p: Page) => p.locator('table.claims tbody tr[data-status]').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return parseFloat(s.borderRightWidth) > parseFloat(s.borderLeftWidth) ? 'right' : 'left';
    });
    expect(await side(page)).toBe('right');
    await page.goto(site.url + EN);
    expect(await side(page)).toBe('left');
    await context.close();
  });
});

describe('reading comfort', () => {
  for (const route of ['/', AR, EN]) {
    it(`never scrolls sideways on a 360 px phone (${route})`, async () => {
      const { context, page } = await open(route, { width: 360 });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll).toBeLessThanOrEqual(client);
      await context.close();
    });
  }

  it('follows a dark colour scheme', async () => {
    const { context, page } = await open(AR, { colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    await context.close();
  });

  it('prints the table and the source with link addresses, without screen-only controls', async () => {
    const { context, page } = await open(EN);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[data-filter]').isVisible()).toBe(false);
    expect(await page.locator('table.claims').isVisible()).toBe(true);
    // Every source document of the case is printed (the English sample cites two).
    for (const source of await page.locator('.source-text').all()) expect(await source.isVisible()).toBe(true);
    const printedUrl = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el, '::after').content);
    expect(await printedUrl('.cell-evidence a[href^="http"]')).toContain('https://health.example.org/riverside-clinic-notice');
    expect(await printedUrl('.source-meta a[href^="http"]')).toContain('https://example.org/wire/riverside-clinic');
    // Each evidence passage keeps its line: where to find it in the printed source.
    expect(await page.locator('.evidence a').first().isVisible()).toBe(true);
    await context.close();
  });

  it('uses no transition when the reader asks for reduced motion', async () => {
    const { context, page } = await open(`${AR}#quote-raid-killed-khaled-al-masoud`);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await page.locator('mark.quote').first().evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    await context.close();
  });

  it('explains each status one click away, on the ratings page in the case language', async () => {
    const { context, page } = await open(AR);
    const badge = page.locator('tr[data-status="disputed"] .badge').first();
    await badge.click();
    await page.waitForURL('**/ratings/ar/#disputed');
    expect(await page.locator('[id="disputed"]').isVisible()).toBe(true);
    await context.close();
  });
});

describe('accessibility and screenshots', () => {
  for (const [name, route] of [['index', '/'], ['english-index', '/en/'], ['arabic-case', AR], ['english-case', EN], ['ratings-ar', '/ratings/ar/']] as const) {
    for (const width of WIDTHS) {
      it(`has no axe-core violations on the ${name} page at ${width} px (screenshot saved)`, async () => {
        const { context, page } = await open(route, { width });
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
        const violations = await axe(page);
        axeFigures.push(`  ${name} @ ${width}px: ${violations.length} violations${violations.length ? ` (${violations.map((v) => v.id).join(', ')})` : ''}`);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        await context.close();
      });
    }
  }

  it('has no axe-core violations on the Arabic case in dark mode', async () => {
    const { context, page } = await open(AR, { colorScheme: 'dark' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'arabic-case-dark-1280.png') });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('marks the current status view in forced colours too, where its background is not shown', async () => {
    const { context, page } = await open(`${AR}#status-disputed`, { javaScriptEnabled: false });
    await page.emulateMedia({ forcedColors: 'active' });
    const outlines = await page.locator('nav[data-filter] a').evaluateAll((links) => links.map((a) => [a.getAttribute('data-filter-status'), getComputedStyle(a).outlineStyle]));
    expect(outlines.filter(([, style]) => style !== 'none').map(([status]) => status)).toEqual(['disputed']);
    await context.close();
  });

  it('shows every date year first, left to right, after Arabic words too', async () => {
    const { context, page } = await open(AR);
    const misordered = await page.locator('time').evaluateAll((times) => times.filter((time) => {
      const text = time.firstChild as Text;
      const left = (from: number, to: number) => {
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, to);
        return range.getBoundingClientRect().left;
      };
      return !(left(0, 4) < left(5, 7) && left(5, 7) < left(8, 10));
    }).map((time) => time.textContent));
    expect(await page.locator('time').count()).toBeGreaterThan(2);
    expect(misordered).toEqual([]);
    await context.close();
  });

  it('names every evidence link apart from the others: its line, its claim and its place among the claim\'s passages', async () => {
    for (const route of [AR, EN]) {
      const { context, page } = await open(route);
      const names = await page.locator('.evidence a').evaluateAll((links) => links.map((a) => [a.getAttribute('aria-label') ?? '', a.textContent!.trim(), a.getAttribute('href')]));
      expect(names.length).toBeGreaterThan(3);
      // The visible text comes first in the name (a voice command says what it sees), and one name is one target.
      for (const [name, text] of names) expect(name!.startsWith(text!.split(' (')[0]!), name!).toBe(true);
      const targets = new Map<string, Set<string>>();
      for (const [name, , href] of names) targets.set(name!, (targets.get(name!) ?? new Set<string>()).add(href!));
      expect([...targets].filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name)).toEqual([]);
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`keeps every marked passage of the source readable in forced colours (high contrast, ${colorScheme})`, async () => {
      const { context, page } = await open(AR, { colorScheme });
      await page.emulateMedia({ forcedColors: 'active', colorScheme });
      // A mark with no background of its own shows the panel's: its text must not be the panel's colour.
      const unreadable = await page.locator('.source-text mark').evaluateAll((marks) => marks.filter((m) => {
        const style = getComputedStyle(m);
        const background = /^rgba\(.*, 0\)$/.test(style.backgroundColor) ? getComputedStyle(m.closest('.source-text')!).backgroundColor : style.backgroundColor;
        return style.color === background;
      }).map((m) => `${m.className}: ${m.textContent!.slice(0, 30)}`));
      expect(unreadable).toEqual([]);
      await context.close();
    });
  }
});

describe('English phrases in Arabic text, cut by a link, emphasis or the edge of a marked passage', () => {
  /** The left edge of each word of `phrase` as laid out in the page: increasing when it reads left to right. */
  async function wordLefts(html: string, phrase: string): Promise<number[]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 400 } });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><body style="font-size:20px"><div>${html}</div></body></html>`);
    const lefts = await page.evaluate((words) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(document.querySelector('div')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      // Each word at its first place in the text, in the order of the phrase.
      return words.flatMap((word) => {
        const node = nodes.find((n) => new RegExp(`(^|[^A-Za-z.])${word.replaceAll('.', '\\.')}($|[^A-Za-z])`).test(n.data));
        if (!node) return [];
        const at = node.data.search(new RegExp(`(?<![A-Za-z.])${word.replaceAll('.', '\\.')}`));
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        return [range.getBoundingClientRect().left];
      });
    }, phrase.split(' '));
    await context.close();
    return lefts;
  }

  it('keeps a linked or emphasised word and the words after it in reading order, left to right', async () => {
    for (const [markdown, phrase] of [['قالت منظمة [Airwars](https://airwars.org) report إن الغارة وقعت.', 'Airwars report'], ['رأى **Humvees** with flags قرب المنزل.', 'Humvees with flags']] as const) {
      const html = markdownToHtml(fromMarkdown(markdown).children, 'rtl');
      const lefts = await wordLefts(html, phrase);
      expect(lefts, html).toHaveLength(phrase.split(' ').length);
      expect(lefts, html).toEqual([...lefts].sort((a, b) => a - b));
    }
  });

  it('keeps an English phrase in reading order when a passage of the source starts or ends inside it', async () => {
    // Two marks cut the phrase as the source view does (SourceNodes.astro), with a back link between them.
    const parts = ['رأى Humvees with', ' U.S. flags قرب المنزل.'];
    const [first, second] = bidiPieces(parts, 'rtl').map((pieces) => pieces.map((p) => (!p.lang ? p.text : `<${p.whole ? 'bdi' : 'span'} lang="${p.lang}">${p.text}</${p.whole ? 'bdi' : 'span'}>`)).join(''));
    const html = `<mark>${first}<a href="#x" style="unicode-bidi:isolate">↩3</a></mark><mark>${second}</mark>`;
    const lefts = await wordLefts(html, 'Humvees with U.S. flags');
    expect(lefts, html).toHaveLength(4);
    expect(lefts, html).toEqual([...lefts].sort((a, b) => a - b));
  });
});

describe('the tally chart', () => {
  it('starts with confirmed at the start side of each card: right in Arabic, left in English', async () => {
    const { context, page } = await open('/');
    const startSide = (caseId: string) => page.locator(`[data-case="${caseId}"] .tally-chart`).evaluate((svg) => {
      const bar = svg.querySelector('g[data-status="confirmed"] rect')!.getBoundingClientRect();
      const box = svg.getBoundingClientRect();
      return Math.abs(bar.right - box.right) < 2 ? 'right' : Math.abs(bar.left - box.left) < 2 ? 'left' : 'middle';
    });
    expect(await startSide('dumayr-raid')).toBe('right');
    expect(await startSide('riverside-clinic')).toBe('left');
    await context.close();
  });
});

describe('evidence passages and notes, both ways, on a two-document English case and a right-to-left Arabic case', () => {
  const EV = '/cases/riverside-evidence/';
  /** The test cases and how many evidence passages each cites: English (two documents) and Arabic (right to left). */
  const PAGES = [[EV, 8], ['/cases/dumayr-evidence/', 9]] as const;
  let evidenceSite: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const build = runBuild({ casesDir: path.join(path.dirname(ARTIFACTS), 'fixtures/site-evidence') });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
    evidenceSite = await serveStatic(build.outDir);
  });

  afterAll(async () => {
    await evidenceSite?.close();
  });

  async function openEvidence(width: number, route: string = EV): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(evidenceSite.url + route);
    return { context, page };
  }

  for (const [route, count] of PAGES) for (const width of WIDTHS) {
    it(`follows every evidence link to its highlighted passage in the right document and back to the claim (${route}, ${width} px)`, async () => {
      const { context, page } = await openEvidence(width, route);
      const items = await page.locator('.evidence li').evaluateAll((lis) => lis.map((li) => ({ id: li.id, href: li.querySelector('a')!.getAttribute('href')! })));
      expect(items.length).toBe(count);
      for (const { id, href } of items) {
        await page.locator(`li[id="${id}"] > a`).click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
        const marks = `mark[id="${href.slice(1)}"], mark[data-passages~="${href.slice(1)}"]`;
        expect(await inViewport(page, `[id="${href.slice(1)}"]`), `${href} in view`).toBe(true);
        expect(await page.locator(marks).evaluateAll((els) => els.every((el) => getComputedStyle(el).outlineStyle !== 'none')), `${href} highlighted`).toBe(true);
        await expectOwnBackLabel(page, href.slice(1), `#${id}`);
        const back = page.locator(marks).last().locator(`a.backref[href="#${id}"]`);
        await back.click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${id}`);
        expect(await inViewport(page, `li[id="${id}"]`), `${id} in view`).toBe(true);
        expect(await page.locator(`li[id="${id}"]`).evaluate((el) => el.matches(':target'))).toBe(true);
      }
      if (route === EV) await page.locator('tr[id="savings"]').screenshot({ path: path.join(ARTIFACTS, `evidence-claim-${width}.png`) });
      await context.close();
    });
  }

  it('reaches a note from its marker in the source with the keyboard, and the passage from the note', async () => {
    const { context, page } = await openEvidence(1280);
    await page.locator('a.note-ref[href="#note-2"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#note-2');
    await page.locator('li[id="note-2"] a.to-note-passage').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#note-2-text');
    expect(await inViewport(page, '[id="note-2-text"]')).toBe(true);
    await context.close();
  });

  for (const [route] of PAGES) for (const width of WIDTHS) {
    const name = route.split('/')[2]!;
    it(`has no axe-core violations on ${name} at ${width} px, and never scrolls sideways (screenshot saved)`, async () => {
      const { context, page } = await openEvidence(width, route);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const violations = await axe(page);
      axeFigures.push(`  ${name} @ ${width}px: ${violations.length} violations${violations.length ? ` (${violations.map((v) => v.id).join(', ')})` : ''}`);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      await context.close();
    });
  }
});

describe('long passages, six passages on one sentence, a note over a quote (fixtures/site-passages, right to left)', () => {
  const ROUTE = '/cases/long-passages/';
  let passagesSite: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const build = runBuild({ casesDir: path.join(path.dirname(ARTIFACTS), 'fixtures/site-passages') });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
    passagesSite = await serveStatic(build.outDir);
  });

  afterAll(async () => {
    await passagesSite?.close();
  });

  // 360x500 and 360x640: the long quote and the long paragraph quoted twice are taller than half the window, shorter than three quarters.
  for (const [width, height, javaScriptEnabled] of [[360, 500, true], [360, 640, true], [360, 640, false], [1280, 900, true]] as const) {
    it(`lands every passage in view: whole when it fits (up to 70% of the window anchored at its end, 75% at its start), else its end and back link when anchored at its end; highlighted, its own label shown, and Tab on its back link (${width}x${height}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(passagesSite.url + ROUTE);
      const links = await page.locator('.evidence li > a, a.to-source, li a.to-note-passage').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, back: `#${a.closest('li[id], tr[id]')!.id}` })));
      expect(links.length).toBe(13);
      const problems: string[] = [];
      const landing: string[] = [];
      let tall = 0;
      for (const { href, back } of links) {
        await page.locator(`[id="${back.slice(1)}"] a[href="${href}"]`).first().focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
        const id = href.slice(1);
        const landed = await page.evaluate((id) => {
          const marks = [...document.querySelectorAll(`mark[id="${id}"], mark[data-passages~="${id}"]`)];
          const rects = marks.flatMap((m) => [...m.getClientRects()]);
          const anchor = document.getElementById(id)!;
          const atEnd = anchor.localName === 'a' && !anchor.hasAttribute('href');
          const backLink = atEnd ? anchor.nextElementSibling!.getBoundingClientRect() : undefined;
          return {
            top: Math.min(...rects.map((r) => r.top)),
            bottom: Math.max(...rects.map((r) => r.bottom)),
            lit: marks.every((m) => getComputedStyle(m).outlineStyle !== 'none'),
            backLinkInView: backLink ? backLink.top >= 0 && backLink.bottom <= innerHeight : undefined,
          };
        }, id);
        const fits = landed.bottom - landed.top <= 0.75 * height;
        if (!fits || landed.bottom - landed.top > height / 2) tall++;
        // A passage anchored at its end (so that Tab reaches its back link next) lands with its end 70% down the window:
        // one up to that tall shows whole, a taller one its end and its back link.
        const tallForItsAnchor = landed.backLinkInView !== undefined && landed.bottom - landed.top > 0.7 * height;
        if (landed.backLinkInView === false) landing.push(`${href}: its back link is not in view`);
        if (landed.top < 0 && !tallForItsAnchor) landing.push(`${href}: starts above the window (${Math.round(landed.top)} px, ${Math.round(landed.bottom - landed.top)} px tall)`);
        if (fits && landed.bottom > height) landing.push(`${href}: ends below the window`);
        if (!landed.lit) problems.push(`${href}: not highlighted in every mark`);
        if (!href.startsWith('#note-')) await expectOwnBackLabel(page, id, back);
        await page.keyboard.press('Tab');
        const reached = await page.evaluate(() => document.activeElement?.getAttribute('href'));
        if (reached !== back) problems.push(`${href}: Tab reached ${reached}, not ${back}`);
      }
      if (width === 360) expect(tall, 'passages taller than half the window').toBeGreaterThanOrEqual(2);
      expect(problems).toEqual([]);
      expect(landing).toEqual([]);
      await context.close();
    });
  }
});

describe('source notes', () => {
  for (const route of [AR, EN]) {
    it(`highlights a note's passage when its link is followed, in every mark, though a mark of notes alone has no status (${route.split('/')[2]})`, async () => {
      // No transition of the background (prefers-reduced-motion): its colour is read right after the link is followed.
      const context = await browser.newContext({ viewport: { width: 360, height: 900 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(site.url + route);
      const hrefs = await page.locator('li a.to-note-passage').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThanOrEqual(2);
      const target = await page.evaluate(() => {
        const probe = document.body.appendChild(document.createElement('i'));
        probe.style.backgroundColor = 'var(--target)';
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;
      });
      const unlit: string[] = [];
      for (const href of hrefs) {
        await page.locator(`li a.to-note-passage[href="${href}"]`).click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
        const marks = await page.locator(`mark[id="${href.slice(1)}"], mark[data-passages~="${href.slice(1)}"]`).evaluateAll((ms) => ms.map((m) => ({ outline: getComputedStyle(m).outlineStyle, background: getComputedStyle(m).backgroundColor })));
        expect(marks.length, href).toBeGreaterThan(0);
        for (const m of marks) if (m.outline === 'none' || m.background !== target) unlit.push(`${href}: outline ${m.outline}, background ${m.background}`);
      }
      expect(unlit).toEqual([]);
      await context.close();
    });
  }
});
