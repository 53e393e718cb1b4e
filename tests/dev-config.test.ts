/**
 * The dev server (`npm run dev`) reads `content/site.yaml` and `content/method.yaml` again when they are saved: the
 * pages show the new values without a restart, a mistake is reported at file:line:column and the last good site
 * configuration is kept, and a broken method withholds the cases as a build would refuse them. On a real dev server
 * over a copy of the project.
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from './helpers/dev-server.ts';
import { projectCopy } from './helpers/rebuild.ts';

/** Polls wait this long: a loaded machine may take far longer than the fraction of a second it takes here. */
const POLL = { timeout: 90_000, interval: 300 };

describe('the dev server reads the site configuration and the method again when they are saved, and checks a new link as a build does', () => {
  const dir = projectCopy();
  const siteFile = path.join(dir, 'content/site.yaml');
  const methodFile = path.join(dir, 'content/method.yaml');
  const site = readFileSync(siteFile, 'utf8');
  const method = readFileSync(methodFile, 'utf8');
  let dev: DevServer;
  beforeAll(async () => {
    dev = await startDev(dir);
  }, 240_000);
  afterAll(() => {
    dev.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const siteName = () => fetch(`${dev.base}/`).then(async (r) => /class="site-name"[^>]*>([^<]*)</.exec(await r.text())?.[1] ?? `HTTP ${r.status}`);
  const casePage = (id: string) => fetch(`${dev.base}/cases/${id}/`).then(async (r) => ({ status: r.status, html: await r.text() }));

  it('shows a new site name, keeps it while the file has a mistake (reported at its place), and shows the fixed file', async () => {
    expect(site).toContain('  ar: تحقيق\n');
    writeFileSync(siteFile, site.replace('  ar: تحقيق\n', '  ar: تحقيق اليوم\n'));
    await expect.poll(siteName, POLL).toBe('تحقيق اليوم');
    const line = site.split('\n').findIndex((l) => l.startsWith('lang: ar')) + 1;
    writeFileSync(siteFile, site.replace('  ar: تحقيق\n', '  ar: تحقيق الغد\n').replace('lang: ar', 'lang: [ar'));
    await expect.poll(() => dev.log(), POLL).toMatch(new RegExp(`content/site\\.yaml:${line}:7 {2}error {2}Invalid YAML: .*\\[TQ502\\]`));
    expect(await siteName()).toBe('تحقيق اليوم');
    expect(dev.log()).not.toMatch(/\n\s+at /);
    writeFileSync(siteFile, site);
    await expect.poll(siteName, POLL).toBe('تحقيق');
  });

  it('shows the method\'s new status labels, withholds every case while the method is broken, and serves them once fixed', async () => {
    const label = /confirmed:\n {4}label:\n {6}ar: .*\n {6}en: Confirmed\n/;
    expect(method).toMatch(label);
    writeFileSync(methodFile, method.replace(label, (m) => m.replace('en: Confirmed', 'en: Verified as stated')));
    await expect.poll(async () => (await casePage('riverside-clinic')).html, POLL).toContain('Verified as stated');
    writeFileSync(methodFile, `${method}\nunknownField: 1\n`);
    await expect.poll(async () => (await casePage('riverside-clinic')).html, POLL).toContain('data-code="TQ420"');
    // Reported at its place, once for each time the method was read again (a save may be seen twice), not once a case.
    const runs = dev.log().split(/content\/method\.yaml saved: re-verified \d+ cases?/).map((run) => run.match(/content\/method\.yaml:\d+:1 {2}error {2}Unexpected field `unknownField` in the method {2}\[TQ420\]/g)?.length ?? 0);
    expect(Math.max(...runs)).toBe(1);
    writeFileSync(methodFile, method);
    await expect.poll(async () => (await casePage('riverside-clinic')).status, POLL).toBe(200);
    expect((await casePage('riverside-clinic')).html).not.toContain('Verified as stated');
  });

  it('does not publish a link to another case file made while it runs, listing the TQ111 a build reports', async () => {
    symlinkSync('riverside-clinic.md', path.join(dir, 'content/cases/riverside-alias.md'));
    await expect.poll(() => dev.log(), POLL).toMatch(/content\/cases\/riverside-alias\.md:1:1 {2}error {2}Unexpected link `content\/cases\/riverside-alias\.md`, which leads to the same file as `content\/cases\/riverside-clinic\.md`.*\[TQ111\]/);
    await expect.poll(async () => (await casePage('riverside-alias')).status, POLL).toBe(500);
    expect((await casePage('riverside-alias')).html).toContain('data-code="TQ111"');
    // The index names it among the cases that do not build, once, not among the cases.
    const index = await fetch(`${dev.base}/`).then((r) => r.text());
    expect(index.match(/href="\/cases\/riverside-alias\/"/g)).toHaveLength(1);
    expect(index).toMatch(/data-broken-case[^>]*>(?:(?!<\/li>)[\s\S])*href="\/cases\/riverside-alias\/"/);
  });
});
