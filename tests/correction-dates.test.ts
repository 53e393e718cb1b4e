import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstPublished, lastModified } from '../src/core/export/case-dates.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { TestRepo } from './helpers/git-repo.ts';
import { ROOT } from './helpers/seed.ts';

describe('the dates of a case: first published and last changed', () => {
  it('is last changed at its review or its latest commit, whichever is later; first published at its first commit', () => {
    const history = { firstPublished: '2026-11-29', lastUpdated: '2026-12-03', partial: false };
    expect(lastModified({ reviewed: '2026-12-02', history })).toBe('2026-12-03');
    expect(lastModified({ reviewed: '2026-12-04', history })).toBe('2026-12-04');
    expect(lastModified({ reviewed: '2026-12-02' })).toBe('2026-12-02');
    expect(firstPublished({ reviewed: '2026-12-02', history })).toBe('2026-11-29');
    // A shallow clone's first commit may be later than the truth; outside git there is no history.
    expect(firstPublished({ reviewed: '2026-12-02', history: { ...history, partial: true } })).toBe('2026-12-02');
    expect(firstPublished({ reviewed: '2026-12-02' })).toBe('2026-12-02');
  });
});

/**
 * A correction committed after the review date, without a new `reviewed` (as the workflow of docs/cli.md has it: the
 * commit subject is the reason). The page says "Last updated" on the day of the commit; the feed, the sitemap and the
 * ClaimReview structured data must say it too, or feed readers and search engines never learn of the correction.
 */
describe('a correction committed after the review', () => {
  const repo = new TestRepo();
  let build: BuildRun;
  const read = (file: string) => readFileSync(path.join(build.outDir, file), 'utf8');

  beforeAll(() => {
    for (const id of ['riverside-clinic', 'dumayr-raid']) repo.write(`content/cases/${id}.md`, readFileSync(path.join(ROOT, `content/cases/${id}.md`), 'utf8'));
    expect(repo.read('content/cases/riverside-clinic.md')).toContain('\nreviewed: 2026-12-02\n');
    repo.commit('Publish the Riverside and Dumayr fact-checks', '2026-12-01T09:00:00Z');
    repo.edit('content/cases/riverside-clinic.md', ':::claim[The Riverside Community Health Clinic will close on March 31]', ':::claim[The Riverside Community Health Clinic will close permanently on March 31]');
    repo.commit('Claim 1 restated: the closure is permanent', '2026-12-03T08:00:00Z');
    build = runBuild({ casesDir: path.join(repo.root, 'content/cases'), command: 'astro' });
  });

  it('builds, and the page lists the correction under its date', () => {
    expect(build.status, build.output).toBe(0);
    const history = select('#history', fromHtml(read('cases/riverside-clinic/index.html')))!;
    expect(toString(history)).toContain('Last updated: 2026-12-03');
  });

  it('dates the case by the correction in the sitemap and the feed', () => {
    expect(read('sitemap.xml')).toContain('<loc>https://example.org/cases/riverside-clinic/</loc><lastmod>2026-12-03</lastmod>');
    expect(read('sitemap.xml')).toContain('<loc>https://example.org/cases/dumayr-raid/</loc><lastmod>2026-12-02</lastmod>');
    const feed = read('feed.xml');
    const entry = /<entry xml:lang="en">[\s\S]*?<\/entry>/.exec(feed)![0];
    expect(entry).toContain('<updated>2026-12-03T00:00:00Z</updated>');
    expect(/^ {2}<updated>([^<]+)<\/updated>$/m.exec(feed)![1]).toBe('2026-12-03T00:00:00Z');
  });

  it('gives every ClaimReview the date the case was first published, as its page shows, and the date of its last change', () => {
    for (const [id, published, modified] of [['riverside-clinic', '2026-12-01', '2026-12-03'], ['dumayr-raid', '2026-12-01', '2026-12-02']] as const) {
      const page = fromHtml(read(`cases/${id}/index.html`));
      expect(toString(select('#history', page)!)).toMatch(new RegExp(`${published}`));
      const reviews = selectAll('script[type="application/ld+json"]', page).map((s) => JSON.parse(toString(s)) as Record<string, unknown>);
      expect(reviews.length).toBeGreaterThan(0);
      for (const review of reviews) expect([review['datePublished'], review['dateModified']], id).toEqual([published, modified]);
    }
  });
});
