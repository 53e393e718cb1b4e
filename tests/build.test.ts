import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageWeight } from '../bench/page-weight.ts';
import { parseMethod } from '../src/core/read-method.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

const SEED_CASE = 'dumayr-raid';

function page(outDir: string, route: string): Root {
  return fromHtml(readFileSync(path.join(outDir, route, 'index.html'), 'utf8'));
}

function attr(el: Element | undefined, name: string): string {
  const value = el?.properties[name];
  return Array.isArray(value) ? value.join(' ') : String(value ?? '');
}

/** Text of a source mark without its back-link badges and note markers. */
function markText(mark: Element): string {
  const copy = structuredClone(mark);
  const strip = (el: Element) => {
    el.children = el.children.filter((c) => !(c.type === 'element' && (c.properties['className'] as string[] | undefined)?.some((n) => n === 'backref' || n === 'note-ref')));
    for (const c of el.children) if (c.type === 'element') strip(c);
  };
  strip(copy);
  return toString(copy);
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}

describe('a real build of the site', () => {
  let build: BuildRun;
  let seed: Root;

  beforeAll(() => {
    build = runBuild();
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
    seed = page(build.outDir, `cases/${SEED_CASE}`);
    console.log(`build: ${Math.round(build.ms)} ms`);
  });

  it('writes the index, the seed case and the ratings pages, and one page per case (status views are fragments of it)', () => {
    for (const route of ['', `cases/${SEED_CASE}`, 'ratings/ar', 'ratings/en']) {
      expect(existsSync(path.join(build.outDir, route, 'index.html')), route).toBe(true);
    }
    // Besides its page, a case folder holds its exports (share card, annotations, source texts), never a page per status.
    expect(readdirSync(path.join(build.outDir, 'cases', SEED_CASE)).filter((f) => f === 'index.html' || ['confirmed', 'unconfirmed', 'disputed'].includes(f))).toEqual(['index.html']);
  });

  it('marks the seed page as Arabic, right to left', () => {
    const html = select('html', seed);
    expect(attr(html, 'lang')).toBe('ar');
    expect(attr(html, 'dir')).toBe('rtl');
  });

  it('publishes at least 15 claims in the seed case, covering all three statuses', () => {
    const rows = selectAll('table.claims tbody tr[data-status]', seed);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(new Set(rows.map((r) => attr(r, 'dataStatus')))).toEqual(new Set(['confirmed', 'unconfirmed', 'disputed']));
  });

  it('links every claim row to the marks on the same page that hold its quote, in order, and the last one links back to the row', () => {
    const rows = selectAll('table.claims tbody tr[data-status]', seed);
    for (const row of rows) {
      const id = attr(row, 'id');
      const link = select('a.to-source', row);
      const href = attr(link, 'href');
      expect(href, id).toBe(`#quote-${id}`);
      const target = select(`[id="${href.slice(1)}"]`, seed);
      expect(target, `target of ${id}`).toBeDefined();
      // A quote that shares words with another passage is cut into segments; each segment's mark lists every passage it belongs to.
      const marks = selectAll(`mark[id="quote-${id}"], mark[data-passages~="quote-${id}"]`, seed);
      const back = selectAll('a.backref', marks.at(-1)!).find((a) => attr(a, 'href') === `#${id}`);
      expect(back, `back link of ${id}`).toBeDefined();
      // The target is the quote's mark itself, its own back link the mark's first link; or an empty anchor (no href) right
      // before its back link, in its last mark: the next link after the target is the back link, whatever it overlaps.
      if (target === marks[0]) {
        expect(marks, `${id}: one mark`).toHaveLength(1);
        expect(selectAll('a', target)[0], `${id}: its back link first`).toBe(back);
      } else {
        expect(target!.tagName, `${id}: the kind of anchor`).toBe('a');
        expect(target!.children, `${id}: an empty anchor`).toEqual([]);
        expect(Object.keys(target!.properties), `${id}: an anchor with an id alone, not a link`).toEqual(['id']);
        const siblings = marks.at(-1)!.children.filter((c) => c.type === 'element');
        expect(siblings[siblings.indexOf(target!) + 1], `${id}: its back link right after its anchor`).toBe(back);
      }
      const quote = toString(select('blockquote.claim-quote', row)!).trim();
      expect(marks.map(markText).join('').trim(), id).toBe(quote);
      // A back link takes its status colour from its mark unless its own claim's status differs.
      expect(attr(back, 'dataStatus') || attr(marks.at(-1), 'dataStatus'), id).toBe(attr(row, 'dataStatus'));
    }
  });

  it('gives every row a status badge whose status matches the row', () => {
    for (const row of selectAll('table.claims tbody tr[data-status]', seed)) {
      const badge = select('.badge', row);
      expect(attr(badge, 'dataStatus')).toBe(attr(row, 'dataStatus'));
      expect(select('svg.status-icon', badge!)).toBeDefined();
      expect(toString(select('.badge-text', badge!)!).trim().length).toBeGreaterThan(0);
    }
  });

  it('marks English words in the Arabic page as English, in the editors\' text and in the source, so screen readers switch voice', () => {
    // A <bdi dir="ltr"> holds a file name, an address or a hash: not a language.
    const latin = selectAll('bdi:not([dir])', seed).filter((b) => /^[A-Za-z]/.test(toString(b)));
    expect(latin.map((b) => toString(b))).toEqual(expect.arrayContaining(['Humvees with U.S. flags', 'Airwars', 'SFA']));
    expect(latin.filter((b) => attr(b, 'lang') !== 'en').map((b) => toString(b))).toEqual([]);
    expect(select('.source-text bdi[lang="en"]', seed)).toBeDefined();
    // No Latin word is left in Arabic: every one is inside an element in another language (or an address, a file name, a hash).
    const inArabic: string[] = [];
    const walk = (node: Root | Element, lang: string) => {
      for (const child of node.children) {
        if (child.type === 'text' && lang === 'ar') inArabic.push(...(child.value.match(/[A-Za-z]{2,}[\w.-]*/g) ?? []));
        if (child.type !== 'element' || ['script', 'style', 'code', 'template'].includes(child.tagName) || attr(child, 'dir') === 'ltr') continue;
        walk(child, child.properties['lang'] === undefined ? lang : String(child.properties['lang']));
      }
    };
    walk(select('body', seed)!, 'ar');
    expect(inArabic).toEqual([]);
  });

  it('shows the mangled tag of the source as literal text, never as an element', () => {
    const html = readFileSync(path.join(build.outDir, 'cases', SEED_CASE, 'index.html'), 'utf8');
    expect(html).toContain('&lt;ص&gt; ص&gt;');
    expect(selectAll('ص', seed)).toHaveLength(0);
  });

  it('gives every sentence of the source an anchor id', () => {
    const sentences = selectAll('.source-text .s[id]', seed);
    expect(sentences.length).toBe(55);
    expect(new Set(sentences.map((s) => attr(s, 'id'))).size).toBe(55);
  });

  it('keeps the page readable with no JavaScript: no script is needed to reach any claim or quote', () => {
    const scripts = selectAll('script[src]', seed);
    expect(scripts).toHaveLength(0);
  });

  it('keeps the seed case page within its weight budget: 40 kB gzip for the reader (HTML, CSS, JS), 45 kB with its ClaimReview JSON-LD, 4 kB CSS, 2 kB JS, no external assets', () => {
    const w = pageWeight(path.join(build.outDir, 'cases', SEED_CASE, 'index.html'));
    console.log(`seed page weight: ${JSON.stringify(w)}`);
    expect(w.reader.gzip).toBeLessThanOrEqual(40_000);
    expect(w.total.gzip).toBeLessThanOrEqual(45_000);
    expect(w.css.gzip).toBeLessThanOrEqual(4_000);
    expect(w.js.gzip).toBeLessThanOrEqual(2_000);
    expect(w.externalAssets).toBe(0);
  });

  it('has no broken internal links on any page', () => {
    const pages = filesOf(build.outDir).filter((f) => f.endsWith('.html'));
    const broken: string[] = [];
    for (const file of pages) {
      const tree = fromHtml(readFileSync(path.join(build.outDir, file), 'utf8'));
      const ids = new Set(selectAll('[id]', tree).map((el) => attr(el, 'id')));
      for (const a of selectAll('a[href]', tree)) {
        const href = attr(a, 'href');
        if (/^[a-z]+:/i.test(href)) continue;
        // Resolved like a browser does, relative links (`../../ratings/en/`) included.
        const url = new URL(href, new URL(`/${file.replace(/index\.html$/, '')}`, 'http://site'));
        const route = href.startsWith('#') ? '' : url.pathname;
        const hash = url.hash ? url.hash.slice(1) : undefined;
        const targetFile = route ? (/\.[a-z]+$/.test(route) ? route.replace(/^\//, '') : path.join(route.replace(/^\//, ''), 'index.html')) : file;
        if (route && !existsSync(path.join(build.outDir, targetFile))) broken.push(`${file}: ${href}`);
        else if (hash) {
          const targetIds = route ? new Set(selectAll('[id]', fromHtml(readFileSync(path.join(build.outDir, targetFile), 'utf8'))).map((el) => attr(el, 'id'))) : ids;
          if (!targetIds.has(decodeURIComponent(hash))) broken.push(`${file}: ${href}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists the seed case on the index with its tally', () => {
    const index = page(build.outDir, '');
    const card = select(`[data-case="${SEED_CASE}"]`, index);
    expect(card).toBeDefined();
    const rows = selectAll('table.claims tbody tr[data-status]', seed);
    for (const status of ['confirmed', 'unconfirmed', 'disputed']) {
      const count = rows.filter((r) => attr(r, 'dataStatus') === status).length;
      expect(toString(select(`li[data-status="${status}"] .tally-number`, card!)!)).toBe(String(count));
    }
  });

  it('links each status view to a fragment of the case page that the stylesheet filters on', () => {
    const links = selectAll('nav[data-filter] a[data-filter-status]', seed).map((a) => [attr(a, 'dataFilterStatus'), attr(a, 'href')]);
    expect(links).toEqual([['all', '#claims'], ['confirmed', '#status-confirmed'], ['unconfirmed', '#status-unconfirmed'], ['disputed', '#status-disputed']]);
    const css = selectAll('style', seed).map((s) => toString(s)).join('\n');
    for (const status of ['confirmed', 'unconfirmed', 'disputed']) {
      expect(select(`section.verification [id="status-${status}"]`, seed), status).toBeDefined();
      expect(css).toContain(`#status-${status}:target`);
    }
  });

  it('isolates Latin runs inside Arabic text (SFA, Airwars) so they cannot scramble the word order', () => {
    const isolated = selectAll('.source-text bdi', seed).map((b) => toString(b));
    expect(isolated).toContain('SFA');
    expect(isolated).toContain('Airwars');
  });

  it('publishes how sources are counted on each ratings page, in its language, from content/method.yaml', () => {
    const { method } = parseMethod(readFileSync(path.join(ROOT, 'content/method.yaml'), 'utf8'));
    expect(method?.counting, 'the project method states how sources are counted').toBeDefined();
    for (const lang of ['ar', 'en'] as const) {
      const section = select('section.counting', page(build.outDir, `ratings/${lang}`));
      expect(section, lang).toBeDefined();
      expect(toString(select('h2', section)!).trim()).toBe(method!.counting!.heading[lang]);
      expect(selectAll('li', section).map((li) => toString(li).trim())).toEqual(method!.counting!.principles.map((p) => p[lang]));
    }
  });

  it('summarises the statuses on each methodology page in the words of content/method.yaml, the method the build enforces', () => {
    const { method } = parseMethod(readFileSync(path.join(ROOT, 'content/method.yaml'), 'utf8'));
    for (const lang of ['ar', 'en'] as const) {
      const items = selectAll('ul.status-definitions li', page(build.outDir, `methodology/${lang}`));
      expect(items.map((li) => attr(li, 'dataStatus')), lang).toEqual(['confirmed', 'unconfirmed', 'disputed']);
      for (const li of items) {
        const status = attr(li, 'dataStatus') as 'confirmed' | 'unconfirmed' | 'disputed';
        expect(toString(li).trim()).toBe(`${method!.statuses[status].label[lang]}: ${method!.statuses[status].definition[lang]}`);
      }
    }
  });

  it('gives screen readers each claim\'s permalink and the tally once: the id under the claim and the chart are for the eye', () => {
    const rows = selectAll('table.claims tbody tr[data-status]', seed);
    rows.forEach((row, i) => {
      // The row header, which screen readers repeat on each cell, is the claim's number and the permalink: not its quote.
      const header = selectAll('th', row);
      expect(header).toHaveLength(1);
      expect(attr(header[0], 'scope')).toBe('row');
      expect(toString(header[0]!).trim()).toBe(`الادعاء ${i + 1}`);
      expect(toString(select('a.permalink', header[0]!)!).trim()).toBe(`الادعاء ${i + 1}`);
      expect(select('a.claim-id', row)?.properties).toMatchObject({ ariaHidden: 'true', tabIndex: -1 });
    });
    expect(select('.tally-chart', seed)?.properties).toMatchObject({ ariaHidden: 'true' });
    expect(select('.tally-chart', seed)?.properties['role']).toBeUndefined();
  });

  it('publishes the English case left to right next to the Arabic one', () => {
    const en = page(build.outDir, 'cases/riverside-clinic');
    expect(attr(select('html', en), 'lang')).toBe('en');
    expect(attr(select('html', en), 'dir')).toBe('ltr');
    expect(selectAll('table.claims tbody tr[data-status]', en).length).toBeGreaterThanOrEqual(6);
  });

  it('lists the English cases on /en/, left to right with English chrome, and links to the home page\'s list of every case', () => {
    const en = page(build.outDir, 'en');
    expect(attr(select('html', en), 'lang')).toBe('en');
    expect(attr(select('html', en), 'dir')).toBe('ltr');
    expect(toString(select('h1', en)!)).toBe('Fact-checks');
    expect(selectAll('li.case-card', en).map((li) => attr(li, 'dataCase'))).toEqual(['riverside-clinic']);
    expect(select(`[data-case="${SEED_CASE}"]`, en)).toBeUndefined();
    const everyLanguage = selectAll('main a', en).find((a) => toString(a) === 'All fact-checks, in every language');
    expect(attr(everyLanguage, 'href')).toBe('/');
    expect(attr(select('main search form', en), 'hidden'), 'the search box waits for JavaScript; the list is there without it').toBe('true');
    expect(selectAll('li.case-card', page(build.outDir, '')).map((li) => attr(li, 'dataCase')).sort()).toEqual(['dumayr-raid', 'riverside-clinic']);
  });

  it('leads the header of the English case to /en/, and that of the Arabic case to the home page', () => {
    const headerLinks = (route: string) => {
      const header = select('header.site-header', page(build.outDir, route))!;
      return [attr(select('a.site-name', header), 'href'), attr(selectAll('nav a', header)[0], 'href')];
    };
    expect(headerLinks('cases/riverside-clinic')).toEqual(['/en/', '/en/']);
    expect(headerLinks('en')).toEqual(['/en/', '/en/']);
    expect(headerLinks('methodology/en')).toEqual(['/en/', '/en/']);
    expect(headerLinks(`cases/${SEED_CASE}`)).toEqual(['/', '/']);
    expect(headerLinks('')).toEqual(['/', '/']);
  });

  it('makes the home page and /en/ each other\'s hreflang versions, the home page for any other language, and says the same in the sitemap', () => {
    const alternates = (route: string) => selectAll('link[rel="alternate"][hreflang]', page(build.outDir, route)).map((l) => [attr(l, 'hrefLang'), attr(l, 'href')]);
    const both = [['ar', 'https://example.org/'], ['en', 'https://example.org/en/']];
    expect(alternates('')).toEqual([...both, ['x-default', 'https://example.org/']]);
    expect(alternates('en')).toEqual([both[1], both[0], ['x-default', 'https://example.org/']]);
    const sitemap = readFileSync(path.join(build.outDir, 'sitemap.xml'), 'utf8');
    const versions = [...both, ['x-default', 'https://example.org/']].map(([lang, href]) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${href}"/>`).join('');
    expect(sitemap).toContain(`<url><loc>https://example.org/</loc>${versions}</url>`);
    expect(sitemap).toContain(`<url><loc>https://example.org/en/</loc>${versions}</url>`);
  });

  it('keeps the language of the Latin terms an Arabic editorial page marks (a screen reader reads them in English)', () => {
    const isolated = (route: string) => selectAll('main bdi[lang]', page(build.outDir, route)).map((b) => `${attr(b, 'lang')} ${toString(b)}`);
    expect(isolated('methodology/ar')).toEqual(expect.arrayContaining(['en SHA-256', 'en JSON', 'en Web Annotation']));
    expect(isolated('methodology/en')).toEqual([]);
  });

  it('produces byte-identical output when built again (deterministic for CDNs)', () => {
    const again = runBuild();
    expect(again.status).toBe(0);
    const hash = (dir: string) => filesOf(dir).map((f) => `${f} ${createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')}`);
    expect(hash(again.outDir)).toEqual(hash(build.outDir));
  });
});

describe('a build under a sub-path', () => {
  let outDir: string;

  beforeAll(() => {
    const build = runBuild({ env: { TAHQIQ_BASE: '/tahqiq/' } });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
    outDir = build.outDir;
  });

  it('leads the English pages\' header to /<base>/en/ and /en/ back to the home page under the base, with absolute hreflang versions', () => {
    const header = (route: string) => selectAll('header.site-header a', page(outDir, route)).slice(0, 2).map((a) => attr(a, 'href'));
    expect(header('cases/riverside-clinic')).toEqual(['/tahqiq/en/', '/tahqiq/en/']);
    expect(header(`cases/${SEED_CASE}`)).toEqual(['/tahqiq/', '/tahqiq/']);
    const en = page(outDir, 'en');
    expect(attr(selectAll('main a', en).find((a) => toString(a) === 'All fact-checks, in every language'), 'href')).toBe('/tahqiq/');
    expect(selectAll('link[rel="alternate"][hreflang]', en).map((l) => attr(l, 'href'))).toEqual(['https://example.org/tahqiq/en/', 'https://example.org/tahqiq/', 'https://example.org/tahqiq/']);
    expect(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8')).toContain('<loc>https://example.org/tahqiq/en/</loc>');
  });
});

describe('a build with broken cases', () => {
  const casesDir = path.join(ROOT, 'tests/fixtures/build-broken');

  it('fails with every problem of every case, each at file:line:column with its code, and no stack trace', () => {
    const run = runBuild({ casesDir });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('tests/fixtures/build-broken/broken-quote.md:18:3  error  Quote not found in `seeds/000_1433950eee1a8d90.txt`');
    expect(run.output).toContain('[TQ303]');
    expect(run.output).toContain('tests/fixtures/build-broken/bad-status.md:12:72  error  Unexpected status `confimed`, expected one of `confirmed`, `unconfirmed`, `disputed` (did you mean `confirmed`?)  [TQ203]');
    expect(run.output).toContain('2 errors, 1 warning');
    expect(run.output).not.toMatch(/Stack trace|\n\s+at /);
    expect(existsSync(path.join(run.outDir, 'index.html'))).toBe(false);
  });

  it('fails the same way when astro build runs without the check step (the loader checks too)', () => {
    const run = runBuild({ casesDir, command: 'astro' });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('[TQ303]');
    expect(run.output).toContain('[TQ203]');
    expect(run.output).toContain('2 content errors');
    expect(run.output).not.toMatch(/Stack trace|\n\s+at /);
  });
});

describe('a built case with two documents, evidence passages and source notes', () => {
  const casesDir = path.join(ROOT, 'tests/fixtures/site-evidence');
  const CASE = 'riverside-evidence';
  let html: Root;

  beforeAll(() => {
    const build = runBuild({ casesDir });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
    html = page(build.outDir, `cases/${CASE}`);
  });

  /** The marks of a passage, in order, and the text they hold without back links and note markers. */
  function marksOf(id: string): Element[] {
    // A mark that is a whole passage on its own carries only its id; the others list their passages.
    return selectAll(`mark[id="${id}"], mark[data-passages~="${id}"]`, html);
  }
  function textOf(marks: Element[]): string {
    return marks
      .map((m) => {
        const copy = structuredClone(m);
        copy.children = copy.children.filter((c) => !(c.type === 'element' && /backref|note-ref/.test(String(c.properties['className']))));
        return toString(copy);
      })
      .join('');
  }

  it('shows each document in its own section with publisher, address, date, language, direction and checksum', () => {
    const sections = selectAll('section.source', html);
    expect(sections.map((s) => attr(s, 'id'))).toEqual(['source', 'source-minutes']);
    const minutes = sections[1]!;
    const meta = toString(select('.source-meta', minutes)!);
    for (const text of ['Riverside Town Council (fictional sample)', '2026-11-23', 'official record', 'English', 'left to right', 'seeds/sample-en-riverside-council-minutes.txt']) expect(meta).toContain(text);
    expect(toString(select('.hash', minutes)!)).toMatch(/^[0-9a-f]{64}$/);
    expect(attr(select('.source-meta a.source-url', sections[0]!), 'href')).toBe('https://example.org/wire/riverside-clinic');
    // Ids stay unique across documents: the second document's sentences and lines are prefixed.
    const ids = selectAll('[id]', html).map((e) => attr(e, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(selectAll('.source-block', minutes).every((b) => attr(b, 'id').startsWith('source-minutes-L'))).toBe(true);
  });

  it('lists each claim’s evidence by relation, with an icon and a text label, each linking to its passage in the right document', () => {
    let items = 0;
    for (const row of selectAll('table.claims tbody tr[data-status]', html)) {
      for (const group of selectAll('.evidence > div', row)) {
        const relation = attr(group, 'dataRelation');
        const label = select(':scope > p', group)!;
        expect(toString(select('.evidence-icon', label)!), `${relation} icon`).toBe({ supports: '+', contradicts: '−', context: 'ⓘ' }[relation]);
        expect(toString(label).replace(/^\S+\s/, '').trim()).toBe({ supports: 'Supports', contradicts: 'Contradicts', context: 'Context' }[relation]);
        for (const item of selectAll('li', group)) {
          items++;
          const link = select(':scope > a', item)!;
          const target = attr(link, 'href').slice(1);
          const marks = marksOf(target);
          expect(marks.length, target).toBeGreaterThan(0);
          expect(textOf(marks), target).toBe(toString(select('q', item)!));
          // …in the section of the document it names, and the last mark links back to this very item.
          const doc = /\((\w+)\)/.exec(toString(link))?.[1] ?? 'report';
          const section = selectAll('section.source', html).find((s) => attr(s, 'dataDoc') === doc)!;
          expect(selectAll(`[id="${target}"]`, section), `${target} in ${doc}`).toHaveLength(1);
          expect(selectAll(`a.backref[href="#${attr(item, 'id')}"]`, marks.at(-1)!)).toHaveLength(1);
        }
      }
    }
    expect(items).toBe(8);
  });

  it('links every mark back to every claim or note that uses its words, even where passages overlap', () => {
    const marks = selectAll('section.source mark', html);
    const backs = new Set(selectAll('section.source a.backref, section.source a.note-ref', html).map((a) => attr(a, 'href').slice(1)));
    let shared = 0;
    for (const mark of marks) {
      const passages = (attr(mark, 'dataPassages') || attr(mark, 'id')).split(' ');
      if (passages.length > 1) shared++;
      for (const id of passages) {
        const back = id.startsWith('note-') ? id.replace(/-text$/, '') : id.replace(/^quote-/, '');
        expect(backs, `${id} links back`).toContain(back);
        expect(select(`[id="${back}"]`, html), `${back} exists`).toBeDefined();
      }
    }
    expect(shared, 'segments shared by several passages').toBeGreaterThanOrEqual(3);
    // One passage of the minutes serves two claims: both are linked from it.
    const minutesVote = marksOf('quote-council-vote--e1');
    expect(attr(minutesVote[0], 'dataPassages')).toContain('quote-lease-ended--e1');
  });

  it('shows source notes at their passage and in the notes, never in the table', () => {
    const notes = selectAll('section.source-notes li', html);
    expect(notes.map((n) => attr(n, 'id'))).toEqual(['note-1', 'note-2']);
    for (const note of notes) {
      const id = attr(note, 'id');
      expect(attr(select('a.to-note-passage', note), 'href')).toBe(`#${id}-text`);
      expect(select(`[id="${id}-text"]`, html)).toBeDefined();
      const marker = select(`a.note-ref[href="#${id}"]`, html)!;
      expect(attr(marker, 'id')).toBe(`${id}-ref`);
      expect(toString(marker)).toMatch(/editor's note \d/);
    }
    expect(toString(select('table.claims', html)!)).not.toContain('The minutes give the date without a year');
  });
});
