import { mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, keptCopies, keptDir, projectCopy, tree } from './helpers/rebuild.ts';

/** A file of the project's caches whose name matches `pattern`, in `folder` (under node_modules/). */
const cacheFile = (project: string, folder: string, pattern: RegExp) => {
  const dir = path.join(project, 'node_modules', folder);
  const name = readdirSync(dir).find((n) => pattern.test(n));
  if (!name) throw new Error(`no file like ${pattern} in ${dir}`);
  return path.join(dir, name);
};

/** Cuts a file to half its size, as a broken cache restore or a full disk leaves it. */
const cutShort = (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2));

/** Puts a folder (holding a file) where a file of the caches was. */
const folderInstead = (file: string) => {
  rmSync(file, { force: true });
  mkdirSync(file, { recursive: true });
  writeFileSync(path.join(file, 'stray'), 'not the tool’s');
};

/**
 * A CI cache can come back damaged (a cut-short upload, a full disk), or be tampered with by hand. Whatever the damage
 * to the tool's caches, a rebuild publishes byte for byte what a build from nothing does, exits 0, and prints no stack
 * trace: a damaged cached item is made again, never published. (The kept search index: search-cache-damage.test.ts.)
 */
describe('the caches found damaged', () => {
  /** A copy of the project built once: `fromNothing` is its site, and `rebuild` builds again and checks the site is the same. */
  const builtCopy = () => {
    const project = projectCopy();
    const dist = path.join(project, 'dist');
    build(project);
    const fromNothing = tree(dist);
    return {
      project,
      dist,
      /** Drops Astro's manifest of built pages: every page is rendered again. */
      renderAgain: () => rmSync(path.join(project, 'node_modules/.astro/incremental-build.json')),
      /** Drops the kept files that are not pages: every one is made again. */
      makeAgain: () => rmSync(keptDir(project), { recursive: true }),
      rebuild: (damage: string) => {
        const log = build(project);
        expect(log, damage).not.toMatch(/\n\s+at /);
        expect(tree(dist), damage).toEqual(fromNothing);
        return log;
      },
    };
  };

  it('verifies a case again when its cached files are cut short, whether Astro\'s store still holds its summary or not', () => {
    const { project, renderAgain, rebuild } = builtCopy();
    for (const kind of ['case', 'facts']) {
      cutShort(cacheFile(project, '.cache/tahqiq-cases', new RegExp(`^dumayr-raid\\.[0-9a-f]{24}\\.${kind}\\.json$`)));
      renderAgain();
      expect(rebuild(`${kind} cut short`), kind).toMatch(/1 case verified \(33 claims\), 1 unchanged kept/);
    }
    folderInstead(cacheFile(project, '.cache/tahqiq-cases', /^riverside-clinic\.[0-9a-f]{24}\.case\.json$/));
    expect(rebuild('a folder for a cached case')).toMatch(/1 case verified \(\d+ claims\), 1 unchanged kept/);
    // Whole again: kept.
    renderAgain();
    expect(rebuild('nothing damaged')).toMatch(/0 cases verified \(0 claims\), 2 unchanged kept/);
  }, 240_000);

  it('makes a case\'s part of /claims.json and its share card again when their cached files are cut short', () => {
    const { project, makeAgain, rebuild } = builtCopy();
    const damages: [string, () => string][] = [
      ['a claims part cut short', () => cacheFile(project, '.cache/tahqiq-cases', /^dumayr-raid\.[0-9a-f]{24}\.claims-[0-9a-f]{12}\.json$/)],
      ['a share card cut short', () => cacheFile(project, '.cache/tahqiq-cards', /\.png$/)],
    ];
    for (const [damage, file] of damages) {
      cutShort(file());
      makeAgain();
      rebuild(damage);
    }
  }, 240_000);

  it('replaces a folder found where the last build\'s record, the list of kept files or a kept file should be', () => {
    const { project, dist, makeAgain, rebuild } = builtCopy();
    const noNeed = () => {};
    // A kept file is taken only at the size it was kept with; published files left in place are not taken at all.
    const publishAgain = () => rmSync(dist, { recursive: true });
    const damages: [string, () => string, () => void][] = [
      ['the last build\'s record', () => path.join(project, 'node_modules/.astro/tahqiq-last-build.json'), noNeed],
      ['the list of kept files', () => path.join(keptDir(project), 'manifest.json'), noNeed],
      ['a kept file', () => path.join(keptDir(project), 'files', keptCopies(project)['claims.json']!), publishAgain],
      ['a share card', () => cacheFile(project, '.cache/tahqiq-cards', /\.png$/), makeAgain],
    ];
    for (const [damage, file, needIt] of damages) {
      const where = file();
      folderInstead(where);
      needIt();
      rebuild(damage);
      expect(statSync(where).isFile(), damage).toBe(true);
    }
  }, 240_000);
});
