import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
}

/** The W3C Nu HTML Checker from the `vnu-jar` package, run with the machine's Java over every HTML file under `dir` (CSS in pages included). */
export function runVnu(dir: string): VnuMessage[] {
  const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
  const run = spawnSync('java', ['-Xss1024k', '-jar', jar, '--format', 'json', '--skip-non-html', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`could not run java (install a JRE, e.g. \`apt-get install default-jre-headless\`): ${run.error.message}`);
  const json = run.stderr.trim() || run.stdout.trim();
  return (JSON.parse(json) as { messages: VnuMessage[] }).messages;
}

/** `file:line:column: message`, for assertion output. */
export function formatVnu(m: VnuMessage): string {
  return `${m.url?.replace(/^file:/, '') ?? ''}:${m.lastLine ?? 0}:${m.firstColumn ?? 0}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}`;
}
