import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardSvg, wrapTitle } from '../src/core/share-card/card-svg.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';

let build: BuildRun;
const read = (file: string) => readFileSync(path.join(build.outDir, file), 'utf8');
const head = (route: string) => fromHtml(read(`${route}index.html`));
const meta = (route: string, key: string) => {
  const el = select(`meta[property="${key}"], meta[name="${key}"]`, head(route));
  return String(el?.properties['content'] ?? '');
};

beforeAll(() => {
  build = runBuild({ command: 'astro' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
});

describe('feeds and discovery', () => {
  it('publishes an Atom feed of the cases, newest review first, with absolute links', () => {
    const feed = read('feed.xml');
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    const updated = [...feed.matchAll(/<entry[\s\S]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect(updated.length).toBeGreaterThanOrEqual(2);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://example.org/cases/dumayr-raid/"/>');
    expect(feed).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('lists every case and editorial page in the sitemap, and points robots.txt at it', () => {
    const sitemap = read('sitemap.xml');
    for (const loc of ['https://example.org/', 'https://example.org/cases/dumayr-raid/', 'https://example.org/cases/riverside-clinic/', 'https://example.org/methodology/ar/', 'https://example.org/corrections/en/', 'https://example.org/report-an-error/ar/', 'https://example.org/ratings/en/']) {
      expect(sitemap).toContain(`<loc>${loc}</loc>`);
    }
    expect(sitemap).not.toContain('/disputed/');
    expect(read('robots.txt')).toContain('Sitemap: https://example.org/sitemap.xml');
  });

  it('gives every page a canonical URL', () => {
    const canonical = (route: string) => String(select('link[rel="canonical"]', head(route))?.properties['href']);
    expect(canonical('')).toBe('https://example.org/');
    expect(canonical('cases/dumayr-raid/')).toBe('https://example.org/cases/dumayr-raid/');
    expect(canonical('ratings/en/')).toBe('https://example.org/ratings/en/');
  });

  it('links the Arabic and English versions of an editorial page with hreflang', () => {
    const links = selectAll('link[rel="alternate"][hreflang]', head('corrections/ar/')).map((l) => `${l.properties['hrefLang']} ${l.properties['href']}`);
    expect(links).toEqual(['ar https://example.org/corrections/ar/', 'en https://example.org/corrections/en/']);
  });

  it('links each editorial and ratings page to its other language in the header, named in that language', () => {
    const switchLinks = (route: string) => selectAll('header nav a[hreflang]', head(route)).map((a) => [a.properties['hrefLang'], a.properties['lang'], a.properties['href'], toString(a)]);
    expect(switchLinks('corrections/ar/')).toEqual([['en', 'en', '/corrections/en/', 'English']]);
    expect(switchLinks('methodology/en/')).toEqual([['ar', 'ar', '/methodology/ar/', 'العربية']]);
    expect(switchLinks('ratings/ar/')).toEqual([['en', 'en', '/ratings/en/', 'English']]);
    // A case with no translation has no such link.
    expect(switchLinks('cases/dumayr-raid/')).toEqual([]);
  });

  it('gives each case Open Graph and Twitter meta with its title, summary and share card', () => {
    const route = 'cases/dumayr-raid/';
    expect(meta(route, 'og:type')).toBe('article');
    expect(meta(route, 'og:title')).toContain('غارة الضمير');
    expect(meta(route, 'og:locale')).toBe('ar');
    expect(meta(route, 'og:image')).toBe('https://example.org/cases/dumayr-raid/card.png');
    expect(meta(route, 'twitter:card')).toBe('summary_large_image');
    expect(meta(route, 'twitter:image')).toBe(meta(route, 'og:image'));
    expect(meta(route, 'og:description').length).toBeGreaterThan(50);
  });
});

describe('share cards', () => {
  it('renders a 1200×630 PNG per case', () => {
    for (const id of ['dumayr-raid', 'riverside-clinic']) {
      const png = readFileSync(path.join(build.outDir, 'cases', id, 'card.png'));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
      console.log(`cases/${id}/card.png: ${png.length} bytes`);
    }
  });

  it('lays an Arabic card out right to left: title anchored at the right margin, the tally bar starting from the right with confirmed', () => {
    const svg = cardSvg({ title: 'غارة الضمير', lang: 'ar', dir: 'rtl', siteName: 'تحقيق', tally: { confirmed: 1, unconfirmed: 1, disputed: 0 }, labels: { confirmed: 'مؤكد', unconfirmed: 'غير مؤكد', disputed: 'متنازع عليه' } });
    expect(svg).toMatch(/<text x="1120" y="210"[^>]*direction="rtl" text-anchor="end">\u202Bغارة الضمير\u202C<\/text>/);
    expect(svg).toContain('<rect x="600.00" y="470" width="520.00" height="36" fill="#0b6b3f"/>');
  });

  it('wraps a long title within the margins and ends a cut title with an ellipsis', () => {
    const lines = wrapTitle('word '.repeat(60).trim(), 1040, 60);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    for (const line of lines) expect([...line].length * 60 * 0.6).toBeLessThanOrEqual(1040);
  });
});
