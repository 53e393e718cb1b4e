import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEditorialPages } from '../src/core/check-editorial-pages.ts';
import { formatReport, ProblemList } from '../src/core/problems.ts';
import { projectCopy, tryBuild } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';

const FRONTMATTER = '---\ntitle: Corrections\nlang: en\ndescription: How we correct.\n---\n\n';

/** The report for one editorial page written into an otherwise empty project (with `public/images/logo.png`). */
function reportFor(body: string | Buffer): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-pages-'));
  mkdirSync(path.join(root, 'content/pages/corrections'), { recursive: true });
  mkdirSync(path.join(root, 'public/images'), { recursive: true });
  writeFileSync(path.join(root, 'public/images/logo.png'), 'png');
  writeFileSync(path.join(root, 'content/pages/corrections/en.mdx'), body);
  const problems = new ProblemList();
  checkEditorialPages(root, problems);
  rmSync(root, { recursive: true, force: true });
  return formatReport(problems.items);
}

describe('the editorial pages (content/pages/<page>/<lang>.mdx)', () => {
  it('finds nothing to report in the project\'s own pages', () => {
    const problems = new ProblemList();
    checkEditorialPages(ROOT, problems);
    expect(problems.items).toEqual([]);
  });

  it('reports MDX that Astro would stop on with a stack trace, at its line and column', () => {
    expect(reportFor(`${FRONTMATTER}Fewer than 3 <4 errors.\n`)).toMatch(/^content\/pages\/corrections\/en\.mdx:7:15 {2}error {2}Invalid MDX: Unexpected character `4` .*\[TQ510\]/);
    expect(reportFor(`${FRONTMATTER}Use {curly} here.\n`)).toContain('content/pages/corrections/en.mdx:7:5  error  Unexpected `{curly}`: braces hold code in MDX, expected text (write `\\{` for a brace)  [TQ511]');
    expect(reportFor('---\nlang: en\ndescription: How we correct.\n---\n\nText.\n')).toContain('content/pages/corrections/en.mdx:1:1  error  Missing frontmatter field `title`  [TQ512]');
  });

  it('refuses what runs code or leaves the site', () => {
    const report = reportFor(`${FRONTMATTER}<script>alert(1)</script>\n\n[x](javascript:alert(1)) and [y](//evil.example/)\n\n<a href="javascript:alert(1)" onclick="x()">z</a>\n\n<Widget />\n\nexport const a = 1\n`);
    for (const expected of ['Unexpected `<script>`', 'Unexpected link to `javascript:alert(1)`', 'Unexpected link to `//evil.example/`', 'Unexpected `onclick` on `<a>`', 'Unexpected component `<Widget>`', 'Unexpected `export const a = 1`']) {
      expect(report).toContain(expected);
    }
    expect(report).toMatch(/7 errors, 0 warnings$/);
  });

  it('reads a link as a browser does: a tab or a line break inside, a control in front, do not hide another site or a script', () => {
    const report = reportFor(`${FRONTMATTER}<a href="/\t/evil.example/x">a</a> <a href="/\n/evil.example/y">b</a> <a href="\u0001javascript:alert(1)">c</a> <a href="/about/">d</a>\n`);
    expect(report.match(/Unexpected link to/g)).toHaveLength(3);
    // The control character is reported for itself too (TQ115).
    expect(report).toMatch(/4 errors, 0 warnings$/);
  });

  it('refuses an image from another site or given relative to the page, and takes one from the site\'s root', () => {
    const report = reportFor(`${FRONTMATTER}![team](https://images.example.org/team.jpg) ![map](map.png) ![logo](/images/logo.png)\n`);
    expect(report).toContain("content/pages/corrections/en.mdx:7:1  error  Unexpected image `https://images.example.org/team.jpg`: an image from another site, which the pages do not load");
    expect(report).toContain('content/pages/corrections/en.mdx:7:46  error  Unexpected image `map.png`: an image given relative to the page');
    expect(report).toMatch(/2 errors, 0 warnings$/);
  });

  it('reports an image from the site\'s root with no file under public/ (TQ125), written in markdown or as `<img>`', () => {
    const report = reportFor(`${FRONTMATTER}![logo](/images/logo.png) ![team](/images/team.jpg)\n\n<img src="/images/logo.png" alt="logo" /> <img src="/images/desk.jpg" alt="desk" /> <img src="https://images.example.org/x.png" alt="x" />\n\n![the desk][desk] ![the logo][logo]\n\n[desk]: /images/desk-by-reference.jpg\n[logo]: /images/logo.png\n`);
    expect(report).toContain('content/pages/corrections/en.mdx:7:27  error  Unexpected image `/images/team.jpg`: there is no file `public/images/team.jpg`, expected the image saved there');
    // An `<img src>` is an image like any other.
    expect(report).toContain('content/pages/corrections/en.mdx:9:43  error  Unexpected image `/images/desk.jpg`: there is no file `public/images/desk.jpg`');
    expect(report).toMatch(/content\/pages\/corrections\/en\.mdx:9:\d+ {2}error {2}Unexpected image `https:\/\/images\.example\.org\/x\.png`: an image from another site/);
    // By reference too, at the image.
    expect(report).toContain('content/pages/corrections/en.mdx:11:1  error  Unexpected image `/images/desk-by-reference.jpg`: there is no file `public/images/desk-by-reference.jpg`');
    expect(report).toMatch(/4 errors, 0 warnings$/);
  });

  it('reports a bidi control or bytes that are not UTF-8', () => {
    expect(reportFor(`${FRONTMATTER}Our \u202Ename.\n`)).toContain('[TQ114]');
    expect(reportFor(Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'))).toContain('bytes that are not UTF-8');
  });

  it('reports a bidi control written as a character reference or a YAML escape, and not one shown as code', () => {
    const report = reportFor('---\ntitle: "Corrections \\u202E"\nlang: en\ndescription: How we correct.\n---\n\nOur &#x202E;name&#x202C; and `&#x202E;`.\n');
    expect(report).toContain('content/pages/corrections/en.mdx:2:21  error  Unexpected invisible bidi control U+202E RIGHT-TO-LEFT OVERRIDE, written as `\\u202E`, expected visible text  [TQ114]');
    expect(report).toContain('content/pages/corrections/en.mdx:7:5  error  Unexpected invisible bidi control U+202E RIGHT-TO-LEFT OVERRIDE, written as `&#x202E;`, expected visible text  [TQ114]');
    expect(report).toMatch(/3 errors, 0 warnings$/);
  });
});

describe('a build with a broken editorial page', () => {
  it('fails with the page\'s problems at file:line:column, and no stack trace', () => {
    const dir = projectCopy();
    const page = path.join(dir, 'content/pages/corrections/en.mdx');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/\n\n/, '\n\nFewer than 3 <4 errors, and {curly} braces.\n\n'));
    const other = path.join(dir, 'content/pages/methodology/en.mdx');
    writeFileSync(other, readFileSync(other, 'utf8').replace(/^title: .*\n/m, ''));
    const { status, log } = tryBuild(dir);
    expect(status).not.toBe(0);
    expect(log).toMatch(/content\/pages\/corrections\/en\.mdx:\d+:\d+ {2}error {2}Invalid MDX/);
    // Before Astro's own check of the page's fields, which would print a stack trace.
    expect(log).toContain('content/pages/methodology/en.mdx:1:1  error  Missing frontmatter field `title`  [TQ512]');
    expect(log).not.toMatch(/\n\s+at /);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
