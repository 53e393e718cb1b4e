import { mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, projectCopy, tree } from './helpers/rebuild.ts';

/** The kept Pagefind bundles of a project (src/core/search/index-cache.ts): one folder each. */
const keptBundles = (project: string) => {
  const dir = path.join(project, 'node_modules/.astro/tahqiq-pagefind');
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name));
};

/**
 * A CI cache can come back damaged (a truncated upload, a full disk). A kept search index is published by linking its
 * files into the site: a damaged one must be made again, not published, and the build must not fail over it.
 */
describe('a kept search index found damaged', () => {
  it('is made again, byte for byte the index a whole one gives, whatever part of it was damaged', () => {
    const project = projectCopy();
    build(project);
    const pagefind = path.join(project, 'dist/pagefind');
    // Before any damage: the kept files are the published ones (hard links).
    const whole = tree(pagefind);
    const damages: [string, (bundle: string) => void][] = [
      ['its entry cut short', (bundle) => truncateSync(path.join(bundle, 'pagefind-entry.json'), 20)],
      ['its entry overwritten, same size', (bundle) => {
        const entry = path.join(bundle, 'pagefind-entry.json');
        writeFileSync(entry, '{'.repeat(statSync(entry).size));
      }],
      ['a fragment missing', (bundle) => rmSync(path.join(bundle, 'fragment', readdirSync(path.join(bundle, 'fragment'))[0]!))],
      ['a file added', (bundle) => writeFileSync(path.join(bundle, 'stray.txt'), 'not Pagefind’s')],
      ['its list of files a folder', (bundle) => {
        rmSync(`${bundle}.files.json`);
        mkdirSync(`${bundle}.files.json`);
      }],
    ];
    for (const [damage, doIt] of damages) {
      const bundles = keptBundles(project);
      expect(bundles, damage).toHaveLength(1);
      doIt(bundles[0]!);
      const log = build(project);
      expect(log, damage).toMatch(/search index: \d+ pages in \d+ ms/);
      expect(tree(pagefind), damage).toEqual(whole);
    }
    // Whole again: the next build restores it.
    expect(build(project)).toMatch(/search index: \d+ pages unchanged, index restored/);
    expect(tree(pagefind)).toEqual(whole);
  }, 240_000);
});
