import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../core/case-digest.ts';
import { readSiteConfig } from '../core/site-config.ts';

/**
 * What every output depends on besides its own key: the project's code and configuration (all of `src/`, the
 * Astro config, the installed packages' lock, the files at the top of `content/`), the site configuration as
 * resolved with its environment overrides, and every `TAHQIQ_` variable. Any change makes every kept output and page policy again.
 */
export function buildDigest(root: string): string {
  const hash = createHash('sha256');
  const config = path.join(root, 'content');
  const configFiles = readdirSync(config, { withFileTypes: true }).filter((d) => d.isFile() && d.name !== 'sources.lock.json').map((d) => path.join(config, d.name)).sort();
  const files = [...filesUnder(path.join(root, 'src')), path.join(root, 'astro.config.mjs'), path.join(root, 'package-lock.json'), ...configFiles];
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  hash.update(JSON.stringify(readSiteConfig(root).config ?? null));
  hash.update(JSON.stringify(Object.entries(process.env).filter(([name]) => name.startsWith('TAHQIQ_')).sort()));
  return hash.digest('hex');
}
