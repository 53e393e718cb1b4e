import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('reports a broken edit in the terminal at file:line:column, and publishes the case again once fixed', async () => {
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('status=disputed', 'status=dispted'));
    await expect.poll(() => log, { timeout: 20_000, interval: 300 }).toMatch(/riverside-clinic\.md:\d+:\d+  error  Unexpected status `dispted`.*\[TQ203\]/);
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toBe('HTTP 404');
    writeFileSync(file, good);
    await expect.poll(h1, { timeout: 20_000, interval: 300 }).toContain('Riverside clinic closure');
  });
});
