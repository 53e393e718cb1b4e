import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, directOutputs, keptDir, projectCopy } from './helpers/rebuild.ts';

/**
 * The files that are not pages (src/integrations/direct-outputs.ts) are published from the last build's copies only
 * while nothing they depend on changed: a reused copy must never be a stale or altered file.
 */
describe('publishing the last build\'s files that are not pages', () => {
  let project: string;
  const dist = (file: string) => path.join(project, 'dist', file);
  const logs: Record<string, string> = {};
  beforeAll(() => {
    project = projectCopy();
    logs['first'] = build(project);
    logs['otherSite'] = build(project, { TAHQIQ_SITE: 'https://other.example.org/' });
    logs['otherSiteAgain'] = build(project, { TAHQIQ_SITE: 'https://other.example.org/' });
    writeFileSync(dist('cases/dumayr-raid.json'), '{"changed":"in place"}\n');
    logs['afterChangeInPlace'] = build(project, { TAHQIQ_SITE: 'https://other.example.org/' });
  }, 240_000);

  it('makes every file again when the site address changes, and reuses them while it stays', () => {
    const first = directOutputs(logs['first']!);
    expect(directOutputs(logs['otherSite']!)).toMatchObject({ written: first.written, kept: 0 });
    expect(directOutputs(logs['otherSiteAgain']!)).toMatchObject({ written: 0, kept: first.written });
    for (const file of ['cases/dumayr-raid.json', 'cases/dumayr-raid/annotations.jsonld', 'claims.json']) {
      // Every address of a case is on the new site (the publishing organization's own address stays in content/site.yaml).
      expect(readFileSync(dist(file), 'utf8')).toContain('https://other.example.org/cases/');
      expect(readFileSync(dist(file), 'utf8')).not.toContain('https://example.org/cases/');
    }
  });

  it('records each kept copy as the very file published (device and inode), so the next build knows it by one lstat', () => {
    const manifest = JSON.parse(readFileSync(path.join(keptDir(project), 'manifest.json'), 'utf8')) as { copies: Record<string, [string, number, number, number, number]> };
    const copies = Object.entries(manifest.copies);
    expect(copies.length).toBeGreaterThan(5);
    for (const [file, [, size, mtimeMs, dev, ino]] of copies) {
      const published = lstatSync(dist(file));
      expect([published.dev, published.ino, published.size, published.mtimeMs], file).toEqual([dev, ino, size, mtimeMs]);
    }
  });

  it('makes a file again when the published one was changed in place (it shares the kept copy\'s bytes)', () => {
    expect(directOutputs(logs['afterChangeInPlace']!)).toMatchObject({ written: 1, kinds: expect.stringMatching(/^0\.\d MB: cases\/<id>\.json/) });
    const data = JSON.parse(readFileSync(dist('cases/dumayr-raid.json'), 'utf8')) as { id: string; url: string };
    expect(data.id).toBe('dumayr-raid');
    expect(data.url).toMatch(/^https:\/\/other\.example\.org\//);
  });
});
