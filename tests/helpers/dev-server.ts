import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { buildEnv } from './build.ts';
import { projectCopy } from './rebuild.ts';

/** A dev server of one project, as `npm run dev` starts it, and everything it printed so far. */
export interface DevServer {
  base: string;
  log: () => string;
  stop: () => void;
}

/** Starts `astro dev` in `dir`, resolved once it serves the index page. */
export async function startDev(dir: string): Promise<DevServer> {
  let log = '';
  // Port 0: the system picks a free port, and the dev server prints the address it listens on.
  const dev: ChildProcess = spawn('npx', ['astro', 'dev', '--port', '0', '--host', '127.0.0.1'], { cwd: dir, env: buildEnv(), detached: true });
  const stop = () => {
    if (dev.pid) process.kill(-dev.pid);
  };
  dev.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  dev.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  for (let waited = 0; waited < 200_000; waited += 500) {
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(log)?.[0];
    const status = base ? await fetch(`${base}/`).then((r) => r.status).catch(() => 0) : 0;
    if (base && status === 200) return { base, log: () => log, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error(`dev server did not serve the index within 200 s:\n${log}`);
}

/**
 * A dev server on a fresh copy of the project for the tests of one `describe`: started before them, stopped and its
 * copy removed after. Read `dir` and `dev` inside the tests (they are set once the server serves).
 */
export function devServerOnCopy(): { readonly dir: string; readonly dev: DevServer } {
  let dir = '';
  let dev: DevServer | undefined;
  beforeAll(async () => {
    dir = projectCopy();
    dev = await startDev(dir);
  }, 240_000);
  afterAll(() => {
    dev?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get dev() {
      if (!dev) throw new Error('the dev server has not started');
      return dev;
    },
  };
}
