/**
 * An image saved under public/ while `npm run dev` runs: a case showing an image with no file there is reported
 * (TQ125) and left off the site, as a build would, and published as soon as the file is saved, with no edit to the
 * case file; deleting the file takes the case off again. An editorial page saved with such an image is reported too.
 * On a real dev server over a copy of the project.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerOnCopy } from './helpers/dev-server.ts';

const CASE = 'content/cases/riverside-clinic.md';
const IMAGE = 'public/images/riverside-clinic-sign.png';

describe('an image a case shows, saved and deleted while the dev server runs', () => {
  const server = devServerOnCopy();
  const page = () => fetch(`${server.dev.base}/cases/riverside-clinic/`).then(async (r) => ({ status: r.status, html: await r.text() }));

  it('reports the missing file at the image, publishes the case once the file is saved, and not after it is deleted', async () => {
    const file = path.join(server.dir, CASE);
    const about = '## About this case\n\n';
    writeFileSync(file, readFileSync(file, 'utf8').replace(about, `${about}![The clinic's sign on Main Street](/images/riverside-clinic-sign.png)\n\n`));
    await expect.poll(() => server.dev.log(), { timeout: 60_000, interval: 300 })
      .toMatch(/riverside-clinic\.md:21:1 {2}error {2}Unexpected image `\/images\/riverside-clinic-sign\.png`: there is no file `public\/images\/riverside-clinic-sign\.png`.*\[TQ125\]/);
    await expect.poll(async () => (await page()).status, { timeout: 60_000, interval: 300 }).toBe(500);

    mkdirSync(path.dirname(path.join(server.dir, IMAGE)), { recursive: true });
    writeFileSync(path.join(server.dir, IMAGE), readFileSync(path.join(server.dir, 'public/favicon.svg')));
    await expect.poll(async () => (await page()).html, { timeout: 60_000, interval: 300 }).toContain('src="/images/riverside-clinic-sign.png"');
    expect((await page()).status).toBe(200);

    const reports = (server.dev.log().match(/\[TQ125\]/g) ?? []).length;
    rmSync(path.join(server.dir, IMAGE));
    await expect.poll(async () => (await page()).status, { timeout: 60_000, interval: 300 }).toBe(500);
    expect((server.dev.log().match(/\[TQ125\]/g) ?? []).length).toBeGreaterThan(reports);
  });

  it('prints the problem of an editorial page saved with an image that has no file, as the build would refuse it', async () => {
    const page = path.join(server.dir, 'content/pages/corrections/en.mdx');
    const text = readFileSync(page, 'utf8');
    writeFileSync(page, `${text.trimEnd()}\n\n![Our corrections desk](/images/corrections-desk.png)\n`);
    const line = readFileSync(page, 'utf8').trimEnd().split('\n').length;
    await expect.poll(() => server.dev.log(), { timeout: 60_000, interval: 300 })
      .toMatch(new RegExp(`content/pages/corrections/en\\.mdx:${line}:1 {2}error {2}Unexpected image \`/images/corrections-desk\\.png\`: there is no file .*\\[TQ125\\]`));
  });
});
