import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPublicFolder } from '../src/core/check-public-folder.ts';
import { formatReport, ProblemList } from '../src/core/problems.ts';
import { projectCopy, tryBuild } from './helpers/rebuild.ts';

describe('the public/ folder, copied into the site as it is', () => {
  it('reports each link that leads to nothing, and takes files, folders and links to them', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-public-'));
    mkdirSync(path.join(root, 'public/images/old'), { recursive: true });
    writeFileSync(path.join(root, 'public/images/map.png'), 'png');
    symlinkSync('map.png', path.join(root, 'public/images/latest.png'));
    symlinkSync('old', path.join(root, 'public/images/archive'));
    symlinkSync('../../../shared/photo.jpg', path.join(root, 'public/images/photo.jpg'));
    symlinkSync('loop.png', path.join(root, 'public/images/old/loop.png'));
    const problems = new ProblemList();
    checkPublicFolder(root, problems);
    rmSync(root, { recursive: true, force: true });
    expect(formatReport(problems.items).split('\n').filter((l) => l.includes('[TQ513]')).sort()).toEqual([
      'public/images/old/loop.png:1:1  error  Unexpected link `public/images/old/loop.png` to `loop.png`: a loop of links, expected a file or a folder (every file under `public/` is published as it is)  [TQ513]',
      'public/images/photo.jpg:1:1  error  Unexpected link `public/images/photo.jpg` to `../../../shared/photo.jpg`: nothing there, expected a file or a folder (every file under `public/` is published as it is)  [TQ513]',
    ]);
  });

  it('stops the build at such a link with one line and its fix, not Vite\'s stack trace', () => {
    const dir = projectCopy();
    symlinkSync('/nonexistent/newsroom-share/logo.png', path.join(dir, 'public/logo.png'));
    const { status, log } = tryBuild(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(status).not.toBe(0);
    expect(log).toContain('public/logo.png:1:1  error  Unexpected link `public/logo.png` to `/nonexistent/newsroom-share/logo.png`: nothing there');
    expect(log).toContain('hint: Every file under `public/` is published as it is');
    expect(log).not.toMatch(/\n\s+at /);
  }, 240_000);
});
