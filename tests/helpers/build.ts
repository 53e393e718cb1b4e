import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './seed.ts';

/** The environment without vitest's own variables (NODE_ENV=test, VITEST…), as a journalist's or CI's shell has it. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST') && k !== 'TEST'));
}

export interface BuildRun {
  status: number | null;
  output: string;
  ms: number;
  outDir: string;
}

/**
 * Runs the real build (`npm run build`, the command CI and the README use) into a
 * fresh temporary folder. `casesDir` points the build at another folder of cases.
 */
export function runBuild(options: { casesDir?: string; command?: 'npm' | 'astro' } = {}): BuildRun {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-dist-'));
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  if (options.casesDir) env['TAHQIQ_CASES_DIR'] = options.casesDir;
  const [cmd, args] = options.command === 'astro'
    ? ['npx', ['astro', 'build', '--outDir', outDir]]
    : ['npm', ['run', '--silent', 'build', '--', '--outDir', outDir]];
  const started = performance.now();
  const run = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, ms: performance.now() - started, outDir };
}
