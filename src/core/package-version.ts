import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * An installed package's version, from its own package.json in the folders Node looks for it in (read as a file:
 * some packages, such as pagefind and harfbuzzjs, export no package.json, and pagefind nothing to `require`). For the
 * digests of what draws cards or indexes pages.
 */
export function packageVersion(name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    const file = path.join(folder, name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error(`Package ${name} is not installed: run \`npm ci\``);
}
