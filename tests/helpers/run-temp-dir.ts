import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest's global setup: one temporary folder for the whole run, removed when the run ends.
 *
 * The tests make hundreds of temporary folders (copies of fixtures and of the project, built sites, git
 * repositories, Chromium profiles): up to 240 MB at once in a run. Each asks `os.tmpdir()`, which reads `$TMPDIR`.
 * Set here before the test processes start, it sends them all, and the builds and browsers those tests start, into
 * this run's folder, so a developer's machine does not keep them after `npm test`.
 */
export default function setup(): () => void {
  const runDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-test-run-'));
  process.env['TMPDIR'] = runDir;
  return () => rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}
