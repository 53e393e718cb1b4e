/**
 * Cases that are the same fact-check in two languages (`translations:` in the frontmatter):
 * the checks between cases (tests/fixtures/errors/translation-unknown covers an unknown id),
 * and a built site of two linked cases, ar and en, whose pages and sitemap carry the hreflang links.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/core/load-cases.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

function caseFile(lang: string, translations: string[]): string {
  return `---\ntitle: T\nlang: ${lang}\nsource:\n  document: seeds/doc.txt\n  publisher: P\n  lang: en\nreviewed: 2026-11-28\nsummary: S\n${translations.length ? `translations:\n${translations.map((t) => `  - ${t}\n`).join('')}` : ''}---\n\n:::claim[C]{#c status=unconfirmed claimant="X" missing="Y"}\n> voted on Monday\n\nWhy.\n:::\n`;
}

async function load(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-translations-'));
  mkdirSync(path.join(root, 'content/cases'), { recursive: true });
  mkdirSync(path.join(root, 'seeds'));
  writeFileSync(path.join(root, 'seeds/doc.txt'), 'The council voted on Monday to close the clinic.\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, `content/cases/${name}.md`), text);
  const { cases, problems } = await loadCases(root, undefined, { workers: 1 });
  return { ids: cases.map((c) => c.id).sort(), seen: problems.items.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`).sort() };
}

describe('translations between cases', () => {
  it('publishes two cases in different languages that list each other', async () => {
    const { ids, seen } = await load({ 'a-en': caseFile('en', ['a-ar']), 'a-ar': caseFile('ar', ['a-en']) });
    expect(seen).toEqual([]);
    expect(ids).toEqual(['a-ar', 'a-en']);
  });

  it('reports a translation in the same language, and a one-way link, at the id in `translations`', async () => {
    const { ids, seen } = await load({
      'a-en': caseFile('en', ['b-en']),
      'b-en': caseFile('en', ['a-en']),
      'c-ar': caseFile('ar', ['d-en']),
      'd-en': caseFile('en', []),
    });
    expect(seen).toEqual([
      'content/cases/a-en.md:11:5 TQ506',
      'content/cases/b-en.md:11:5 TQ506',
      'content/cases/c-ar.md:11:5 TQ507',
    ]);
    // The cases in error are not published; the case linked one-way is (the error is at the link).
    expect(ids).toEqual(['d-en']);
  });
});

describe('a built site with one case in Arabic and English', () => {
  let build: BuildRun;
  const head = (id: string) => readFileSync(path.join(build.outDir, `cases/${id}/index.html`), 'utf8').split('</head>')[0]!;
  const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${new URL(m[2]!).pathname}`);

  beforeAll(() => {
    build = runBuild({ casesDir: path.join(ROOT, 'tests/fixtures/site-translations'), command: 'astro' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
  });

  it('links each page to itself and the other language, with x-default on the site language (ar)', () => {
    const expected = (self: string, other: string) => [self, other, 'x-default /cases/riverside-van-ar/'];
    expect(alternates(head('riverside-van-en'))).toEqual(expected('en /cases/riverside-van-en/', 'ar /cases/riverside-van-ar/'));
    expect(alternates(head('riverside-van-ar'))).toEqual(expected('ar /cases/riverside-van-ar/', 'en /cases/riverside-van-en/'));
  });

  it('gives the back links in an English source the Arabic case\'s language and direction, and the English ones none', () => {
    const page = (id: string) => fromHtml(readFileSync(path.join(build.outDir, `cases/${id}/index.html`), 'utf8'));
    const arLinks = selectAll('.source-text a.backref', page('riverside-van-ar'));
    expect(arLinks.length).toBeGreaterThan(0);
    for (const a of arLinks) expect([a.properties['lang'], a.properties['dir']]).toEqual(['ar', 'rtl']);
    const enLinks = selectAll('.source-text a.backref', page('riverside-van-en'));
    expect(enLinks.length).toBeGreaterThan(0);
    for (const a of enLinks) expect([a.properties['lang'], a.properties['dir']]).toEqual([undefined, undefined]);
  });

  it('lists both versions under each case in the sitemap', () => {
    const sitemap = readFileSync(path.join(build.outDir, 'sitemap.xml'), 'utf8');
    for (const id of ['riverside-van-en', 'riverside-van-ar']) {
      const entry = sitemap.split('<url>').find((u) => u.includes(`/cases/${id}/</loc>`))!;
      expect(entry).toMatch(/hreflang="en" href="[^"]*\/cases\/riverside-van-en\/"/);
      expect(entry).toMatch(/hreflang="ar" href="[^"]*\/cases\/riverside-van-ar\/"/);
    }
  });
});
