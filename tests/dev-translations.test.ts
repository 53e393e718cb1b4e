/**
 * `translations:` checked by the dev server (`npm run dev`) as a build checks them: after a case is saved or deleted,
 * it and the cases linked with it are published or withheld as a build would, with the problems a build reports (a
 * page must not be served with hreflang links a build would reject). On a real dev server over a copy of the project
 * holding the translated pair of tests/fixtures/site-translations.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/core/load-cases.ts';
import { formatProblem, type Problem } from '../src/core/problems.ts';
import { startDev, type DevServer } from './helpers/dev-server.ts';
import { projectCopy } from './helpers/rebuild.ts';
import { ROOT } from './helpers/seed.ts';

const FIXTURE = path.join(ROOT, 'tests/fixtures/site-translations');
const EN = 'content/cases/riverside-van-en.md';
const AR = 'content/cases/riverside-van-ar.md';
/** Polls wait this long: the dev server re-verifies a case in about a second, far longer on a loaded machine. */
const POLL = { timeout: 90_000, interval: 500 };

/** A copy of the project holding the fixture's translated pair besides its own cases, and the pair's text. */
function pairProject(): { dir: string; pair: { en: string; ar: string } } {
  const dir = projectCopy();
  cpSync(FIXTURE, path.join(dir, 'content/cases'), { recursive: true });
  return { dir, pair: { en: readFileSync(path.join(dir, EN), 'utf8'), ar: readFileSync(path.join(dir, AR), 'utf8') } };
}


/** What the tests read of a dev server's pages. */
function pagesOf(server: () => DevServer) {
  const page = (id: string) => fetch(`${server().base}/cases/${id}/`).then(async (r) => ({ status: r.status, html: await r.text() }));
  /** A case page's hreflang links (`lang href`), or its HTTP status when it is not served as a case. */
  const alternates = async (id: string) => {
    const { status, html } = await page(id);
    return status === 200 ? [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`) : `HTTP ${status}`;
  };
  /** The codes of the problems the dev server lists on a withheld case's page. */
  const listedCodes = async (id: string) => [...(await page(id)).html.matchAll(/<li data-code="(TQ\d+)"/g)].map((m) => m[1]);
  const index = () => fetch(`${server().base}/`).then((r) => r.text());
  /** Both pages of the pair served, each with hreflang links to itself and the other, and no case left out. */
  async function expectPairServed(): Promise<void> {
    const both = ['ar https://example.org/cases/riverside-van-ar/', 'en https://example.org/cases/riverside-van-en/'];
    await expect.poll(() => alternates('riverside-van-en'), POLL).toEqual(expect.arrayContaining(both));
    await expect.poll(() => alternates('riverside-van-ar'), POLL).toEqual(expect.arrayContaining(both));
    expect(await index()).not.toContain('data-broken-case');
  }
  return { page, alternates, listedCodes, index, expectPairServed };
}

/** What a build reports for the files of `dir` as they are now: the errors of a run from nothing. */
const buildErrors = async (dir: string) => (await loadCases(dir, undefined, { workers: 1 })).problems.errors;
/** Each problem as `file:line:column code`. */
const placed = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`);

describe('translations checked by the dev server as a build checks them, after an edit', () => {
  const { dir, pair } = pairProject();
  let dev: DevServer;
  beforeAll(async () => {
    dev = await startDev(dir);
  }, 240_000);
  afterAll(() => dev.stop());
  const { page, alternates, listedCodes, index, expectPairServed } = pagesOf(() => dev);
  const unescape = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('serves the pair with hreflang links to each other when both link to each other', async () => {
    await expectPairServed();
  });

  it('withholds a case whose translation no longer links back, with the TQ507 a build reports, and serves it again once linked back', async () => {
    const from = dev.log().length;
    writeFileSync(path.join(dir, AR), pair.ar.replace('translations: [riverside-van-en]\n', ''));
    const expected = await buildErrors(dir);
    expect(placed(expected)).toEqual([`${EN}:9:16 TQ507`]);
    // Reported in the terminal as a build prints it, and on the case's page instead of the case.
    for (const problem of expected) await expect.poll(() => dev.log().slice(from), POLL).toContain(formatProblem(problem));
    await expect.poll(() => listedCodes('riverside-van-en'), POLL).toEqual(['TQ507']);
    expect((await page('riverside-van-en')).status).toBe(500);
    expect(unescape((await page('riverside-van-en')).html)).toContain(formatProblem(expected[0]!).split('\n')[0]);
    expect(await index()).toContain('data-broken-case="riverside-van-en"');
    // The case that dropped its link is fine on its own (a build publishes it), with no hreflang link to the other.
    await expect.poll(() => alternates('riverside-van-ar'), POLL).toEqual([]);
    expect(await buildErrors(dir)).toEqual(expected);

    writeFileSync(path.join(dir, AR), pair.ar);
    expect(await buildErrors(dir)).toEqual([]);
    await expectPairServed();
  });

  it("logs a withheld case's link problem again when that case is saved, not when a case linked with it is", async () => {
    const unlinked = pair.ar.replace('translations: [riverside-van-en]\n', '');
    writeFileSync(path.join(dir, AR), unlinked);
    await expect.poll(() => listedCodes('riverside-van-en'), POLL).toEqual(['TQ507']);
    const [problem] = await buildErrors(dir);
    const logged = formatProblem(problem!);
    /** The log of one save, once the dev server has handled it (its "re-verified" line). */
    const logOfSave = async (file: string, text: string) => {
      const from = dev.log().length;
      writeFileSync(path.join(dir, file), text);
      await expect.poll(() => dev.log().slice(from), POLL).toMatch(/re-verified \d+ cases? in \d+ ms/);
      return dev.log().slice(from);
    };

    // The Arabic case saved again, still without its link: the English case is still withheld, its problem unchanged.
    expect(await logOfSave(AR, `${unlinked}\n`)).not.toContain(logged);
    expect(await listedCodes('riverside-van-en')).toEqual(['TQ507']);
    // The English case saved: its problem is reported again, as a build would report it.
    expect(await logOfSave(EN, `${pair.en}\n`)).toContain(logged);
    expect(await listedCodes('riverside-van-en')).toEqual(['TQ507']);

    writeFileSync(path.join(dir, EN), pair.en);
    writeFileSync(path.join(dir, AR), pair.ar);
    await expectPairServed();
  });

  it('withholds the partner of a deleted case with the TQ505 a build reports, and serves both again once it is back', async () => {
    const from = dev.log().length;
    rmSync(path.join(dir, AR));
    const expected = await buildErrors(dir);
    expect(placed(expected)).toEqual([`${EN}:9:16 TQ505`]);
    for (const problem of expected) await expect.poll(() => dev.log().slice(from), POLL).toContain(formatProblem(problem));
    await expect.poll(() => listedCodes('riverside-van-en'), POLL).toEqual(['TQ505']);
    expect((await page('riverside-van-en')).status).toBe(500);
    await expect.poll(async () => (await page('riverside-van-ar')).status, POLL).toBe(404);

    writeFileSync(path.join(dir, AR), pair.ar);
    expect(await buildErrors(dir)).toEqual([]);
    await expectPairServed();
  });
});

describe('translations checked by the dev server as a build checks them, from its start', () => {
  const { dir, pair } = pairProject();
  writeFileSync(path.join(dir, AR), pair.ar.replace('translations: [riverside-van-en]\n', ''));
  let dev: DevServer;
  beforeAll(async () => {
    dev = await startDev(dir);
  }, 240_000);
  afterAll(() => dev.stop());
  const { page, listedCodes, index, expectPairServed } = pagesOf(() => dev);

  it('serves a case withheld when the server started once its translation links back', async () => {
    expect(placed(await buildErrors(dir))).toEqual([`${EN}:9:16 TQ507`]);
    expect(await listedCodes('riverside-van-en')).toEqual(['TQ507']);
    expect((await page('riverside-van-en')).status).toBe(500);
    expect(await index()).toContain('data-broken-case="riverside-van-en"');
    writeFileSync(path.join(dir, AR), pair.ar);
    await expectPairServed();
  });
});
