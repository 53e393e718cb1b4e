import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import { checkEditorialPages } from '../src/core/check-editorial-pages.ts';
import { formatReport, ProblemList } from '../src/core/problems.ts';
import { underBase, withoutBase } from '../src/core/site-base.ts';
import { projectCopy, tryBuild } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';

describe('addresses from the site\'s root on a site served under a sub-path', () => {
  it('get the sub-path in front when published from a case file, once', () => {
    expect(underBase('/images/map.png', '/tahqiq/')).toBe('/tahqiq/images/map.png');
    expect(underBase('/tahqiq/images/map.png', '/tahqiq/')).toBe('/tahqiq/images/map.png');
    expect(underBase('/images/map.png', '/')).toBe('/images/map.png');
    // Another site's address, a relative one and a fragment stay as written.
    for (const url of ['//cdn.example.org/x.png', '/\\cdn.example.org/x.png', 'https://example.org/x', 'map.png', '#claim-1']) expect(underBase(url, '/tahqiq/')).toBe(url);
    expect(withoutBase('/tahqiq/images/map.png', '/tahqiq/')).toBe('/images/map.png');
  });

  it('are refused on an editorial page without the sub-path, which Astro publishes as written (TQ514)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-base-pages-'));
    mkdirSync(path.join(root, 'content/pages/corrections'), { recursive: true });
    mkdirSync(path.join(root, 'public/images'), { recursive: true });
    writeFileSync(path.join(root, 'public/images/desk.png'), 'png');
    writeFileSync(path.join(root, 'content/site.yaml'), readFileSync(path.join(ROOT, 'content/site.yaml'), 'utf8').replace(/^base: \/$/m, 'base: /tahqiq/'));
    writeFileSync(path.join(root, 'content/pages/corrections/en.mdx'), '---\ntitle: Corrections\nlang: en\ndescription: How we correct.\n---\n\nSee [our method](/methodology/en/) and ![the desk](/images/desk.png), or [the same](/tahqiq/methodology/en/) and ![the desk](/tahqiq/images/desk.png).\n');
    const problems = new ProblemList();
    checkEditorialPages(root, problems);
    rmSync(root, { recursive: true, force: true });
    const report = formatReport(problems.items);
    expect(report).toContain('content/pages/corrections/en.mdx:7:5  error  Unexpected address `/methodology/en/`: the site is served under `/tahqiq/`, and this page gives the address as written, expected `/tahqiq/methodology/en/`  [TQ514]');
    expect(report).toContain('Unexpected address `/images/desk.png`: the site is served under `/tahqiq/`');
    // With the sub-path, the image's file is found under public/.
    expect(report).toMatch(/2 errors, 0 warnings$/);
  });

  it('lead readers to the page and the image in a case built under a sub-path', () => {
    const dir = projectCopy();
    const file = path.join(dir, 'content/cases/riverside-clinic.md');
    const about = '## About this case\n\n';
    writeFileSync(file, readFileSync(file, 'utf8').replace(about, `${about}The clinic's sign on Main Street: ![The clinic's sign](/images/clinic-sign.png). How we rate claims: [our method](/methodology/en/).\n\n`));
    mkdirSync(path.join(dir, 'public/images'), { recursive: true });
    copyFileSync(path.join(dir, 'public/favicon.svg'), path.join(dir, 'public/images/clinic-sign.png'));
    const { status, log } = tryBuild(dir, { TAHQIQ_BASE: '/tahqiq/' });
    expect(status, log).toBe(0);
    const html = fromHtml(readFileSync(path.join(dir, 'dist/cases/riverside-clinic/index.html'), 'utf8'));
    expect(selectAll('img[alt="The clinic\'s sign"]', html).map((img) => img.properties['src'])).toEqual(['/tahqiq/images/clinic-sign.png']);
    const ourMethod = selectAll('a', html).filter((a) => a.children.some((c) => c.type === 'text' && c.value === 'our method'));
    expect(ourMethod.map((a) => a.properties['href'])).toEqual(['/tahqiq/methodology/en/']);
    expect(selectAll('a[href^="/methodology"], img[src^="/images"]', html)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
