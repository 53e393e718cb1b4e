import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { cleanEnv } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the dev server (npm run dev)', () => {
  const casesDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-dev-'));
  const file = path.join(casesDir, 'riverside-clinic.md');
  let dev: ChildProcess;
  let log = '';
  let base = '';

  beforeAll(async () => {
    copyFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), file);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dev = spawn('npx', ['astro', 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...cleanEnv(), TAHQIQ_CASES_DIR: casesDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
      detached: true,
    });
    dev.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    dev.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    for (let waited = 0; waited < 60_000; waited += 500) {
      const status = await fetch(`${base}/cases/riverside-clinic/`).then((r) => r.status).catch(() => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`dev server did not serve the case within 60 s:\n${log}`);
  });

  afterAll(() => {
    if (dev.pid) process.kill(-dev.pid);
  });

  const h1 = () => fetch(`${base}/cases/riverside-clinic/`).then(async (r) => (r.status === 200 ? (await r.text()).match(/<h1>(.*?)<\/h1>/s)?.[1] ?? '' : `HTTP ${r.status}`));

  it('updates the page when the case file is edited', async () => {
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('title: "Riverside clinic closure', 'title: "Edited: Riverside clinic closure'));
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toContain('Edited: Riverside clinic closure');
  });

  it('shows the whole file after a save that empties it and writes it 20 ms later (the watcher reports only the first change)', async () => {
    const original = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');
    writeFileSync(file, '');
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(file, original.replace('title: "Riverside clinic closure', 'title: "Saved twice: Riverside clinic closure'));
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toContain('Saved twice: Riverside clinic closure');
    writeFileSync(file, original);
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).not.toContain('Saved twice');
  });

  it('serves the files that are not pages (open data, annotations, source texts, card, /claims.json) from the edited case', async () => {
    const original = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');
    writeFileSync(file, original.replace('title: "Riverside clinic closure', 'title: "Served: Riverside clinic closure'));
    const data = () => fetch(`${base}/cases/riverside-clinic.json`).then((r) => r.text()).catch(() => '');
    await expect.poll(data, { timeout: 20_000, interval: 300 }).toContain('Served: Riverside clinic closure');
    const get = (url: string) => fetch(`${base}${url}`).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) }));
    const claims = await get('/claims.json');
    expect(claims).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect(JSON.parse(claims.bytes.toString('utf8')).claims.some((c: { url: string }) => c.url.includes('/cases/riverside-clinic/'))).toBe(true);
    const annotations = await get('/cases/riverside-clinic/annotations.jsonld');
    expect(annotations.status).toBe(200);
    expect(annotations.type).toMatch(/^application\/ld\+json/);
    const card = await get('/cases/riverside-clinic/card.png');
    expect(card.type).toBe('image/png');
    expect(card.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Each source text is the document's bytes as they are in the repository.
    const served = (JSON.parse(await data()) as { sources: { id: string; document: string }[] }).sources;
    expect(served.length).toBeGreaterThan(0);
    for (const source of served) {
      const text = await get(`/cases/riverside-clinic/sources/${source.id}.txt`);
      expect(text.bytes.equals(readFileSync(path.join(ROOT, source.document)))).toBe(true);
    }
    writeFileSync(file, original);
    await expect.poll(data, { timeout: 20_000, interval: 300 }).not.toContain('Served:');
  });

  it('shows an edit of a claim\'s reasoning without writing the content store again, and tells open pages to reload', async () => {
    // The browser's side of Vite's hot-reload channel: what an open page would hear.
    const client = await (await fetch(`${base}/@vite/client`)).text();
    const token = /const wsToken = "([^"]+)"/.exec(client)?.[1] ?? '';
    const socket = new WebSocket(`${base.replace('http', 'ws')}/?token=${token}`, 'vite-hmr');
    const heard: string[] = [];
    socket.addEventListener('message', (message) => heard.push(String(message.data)));
    await new Promise((resolve, reject) => { socket.addEventListener('open', resolve); socket.addEventListener('error', reject); });
    const original = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');
    expect(original).toContain('The closure date is confirmed.');
    // First an edit the store must show (the title), so that it holds this file's summary.
    const titled = original.replace('title: "Riverside clinic closure', 'title: "Reasoned: Riverside clinic closure');
    writeFileSync(file, titled);
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toContain('Reasoned: Riverside clinic closure');
    // The store of every case, as Astro writes it in dev: settled once unchanged for three times its 500 ms debounce.
    const storeFile = path.join(ROOT, '.astro/data-store.json');
    const written = () => statSync(storeFile).mtimeMs;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let settled = written();
    for (let waited = 0; waited < 20_000; waited += 1_500) {
      await pause(1_500);
      if (written() === settled) break;
      settled = written();
    }
    try {
      heard.length = 0;
      // Written over the old bytes, not truncated first: a loaded machine can let the watcher read the emptied file,
      // and a case that was broken for a moment is stored again (rightly). The new text is the longer one.
      writeFileSync(file, titled.replace('The closure date is confirmed.', 'The closure date is confirmed, checked twice.'), { flag: 'r+' });
      await expect.poll(async () => text((await page('/cases/riverside-clinic/')).html), { timeout: 20_000, interval: 100 }).toContain('checked twice');
      // Astro's own reload on any saved file comes before the case is verified again: this one, after.
      const reloads = () => heard.map((m) => JSON.parse(m) as { type: string; triggeredBy?: string }).filter((m) => m.type === 'full-reload');
      await expect.poll(() => reloads().some((m) => m.triggeredBy === file), { timeout: 5_000, interval: 100 }).toBe(true);
      await pause(1_500);
      expect(written()).toBe(settled);
    } finally {
      socket.close();
      writeFileSync(file, original);
    }
    await expect.poll(async () => text((await page('/cases/riverside-clinic/')).html), { timeout: 20_000, interval: 300 }).not.toContain('checked twice');
  });

  const page = (url: string) => fetch(`${base}${url}`).then(async (r) => ({ status: r.status, html: await r.text() }));
  /** The page's text without tags, as a reader sees it. */
  const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('reports a broken edit in the terminal and in the browser at file:line:column with the hint, and publishes the case again once fixed', async () => {
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('status=disputed', 'status=dispted'));
    await expect.poll(() => log, { timeout: 20_000, interval: 300 }).toMatch(/riverside-clinic\.md:\d+:\d+  error  Unexpected status `dispted`.*\[TQ203\]/);
    // The case keeps its URL and lists its problems instead of disappearing.
    await expect.poll(async () => (await page('/cases/riverside-clinic/')).status, { timeout: 20_000, interval: 300 }).toBe(500);
    const broken = text((await page('/cases/riverside-clinic/')).html);
    expect(broken).toContain('This case is not published: 1 error in');
    expect(broken).toMatch(/riverside-clinic\.md:\d+:\d+  error  Unexpected status `dispted`, expected one of `confirmed`, `unconfirmed`, `disputed` \(did you mean `disputed`\?\)  \[TQ203\]/);
    expect(broken).toContain('hint: Use one of `confirmed`, `unconfirmed`, `disputed`');
    // On a phone, every problem wraps: nothing runs off the page, nothing scrolls sideways.
    const browser = await launch();
    try {
      // Without JavaScript: the dev server's client script would reload the page while it is measured.
      const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
      await phone.goto(`${base}/cases/riverside-clinic/`);
      expect(await phone.locator('.problem-list pre').count()).toBeGreaterThan(0);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      expect(await phone.locator('.problem-list pre').evaluateAll((pres) => pres.every((pre) => pre.scrollWidth <= pre.clientWidth))).toBe(true);
    } finally {
      await browser.close();
    }
    // The index says which case is missing, and links to its problems.
    expect((await page('/')).html).toMatch(/<li data-broken-case="riverside-clinic"><a href="\/cases\/riverside-clinic\/">/);
    writeFileSync(file, good);
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toContain('Riverside clinic closure');
    expect((await page('/')).html).not.toContain('data-broken-case');
  });

  it('shows the problems of a new case file that has never built, and drops the page when the file is deleted', async () => {
    const draft = path.join(casesDir, 'draft-case.md');
    writeFileSync(draft, '---\ntitle: "A draft"\nlang: en\n---\n');
    await expect.poll(async () => (await page('/cases/draft-case/')).status, { timeout: 20_000, interval: 300 }).toBe(500);
    expect(text((await page('/cases/draft-case/')).html)).toMatch(/draft-case\.md:\d+:\d+  error  Missing frontmatter field `(reviewed|summary)`  \[TQ103\]/);
    rmSync(draft);
    await expect.poll(async () => (await page('/cases/draft-case/')).status, { timeout: 20_000, interval: 300 }).toBe(404);
  });
});
