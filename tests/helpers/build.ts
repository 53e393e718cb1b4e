import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './seed.ts';

/** Variables vitest sets for itself (its `import.meta.env` mirror); `BASE_URL` would otherwise override a build's base path. */
const VITEST_VARIABLES = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']);

/** The environment without vitest's own variables (NODE_ENV=test, VITEST…, BASE_URL), as a journalist's or CI's shell has it. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !VITEST_VARIABLES.has(k) && !k.startsWith('VITEST')));
}

/** The environment a test's build runs in: cleanEnv, no telemetry, no colours in its log; and `env`. */
export const buildEnv = (env: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...env });

export interface BuildRun {
  status: number | null;
  output: string;
  ms: number;
  outDir: string;
}

/**
 * Runs the real build (`npm run build`, the command CI and the README use) into a
 * fresh temporary folder. `casesDir` points the build at another folder of cases;
 * `env` adds variables (e.g. `TAHQIQ_BASE` for a sub-path build).
 */
export function runBuild(options: { casesDir?: string; command?: 'npm' | 'astro'; env?: Record<string, string> } = {}): BuildRun {
  const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-dist-'));
  const env = buildEnv();
  if (options.casesDir) env['TAHQIQ_CASES_DIR'] = options.casesDir;
  Object.assign(env, options.env);
  const [cmd, args] = options.command === 'astro'
    ? ['npx', ['astro', 'build', '--outDir', outDir]]
    : ['npm', ['run', '--silent', 'build', '--', '--outDir', outDir]];
  const started = performance.now();
  const run = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, ms: performance.now() - started, outDir };
}
