import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { linkOrCopy } from '../src/core/link-file.ts';

describe('linkOrCopy', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-link-'));
  const from = path.join(dir, 'kept.json');
  writeFileSync(from, '{"kept":true}\n');

  it('hard-links on the same file system, replacing what is there', () => {
    const to = path.join(dir, 'published.json');
    writeFileSync(to, 'an older file');
    expect(linkOrCopy(from, to)).toBe(true);
    expect(statSync(to).ino).toBe(statSync(from).ino);
    expect(readFileSync(to, 'utf8')).toBe('{"kept":true}\n');
  });

  it('copies whole where links are refused (another file system), and links where they are not', () => {
    // /dev/shm is a memory file system on Linux; elsewhere the same file system as tmpdir, and the file is linked.
    const other = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/tahqiq-link-') : mkdtempSync(path.join(tmpdir(), 'tahqiq-link-'));
    // Outside the run's temporary folder (tests/helpers/run-temp-dir.ts), and in memory: removed here.
    onTestFinished(() => rmSync(other, { recursive: true, force: true }));
    const to = path.join(other, 'published.json');
    const sameDevice = statSync(other).dev === statSync(dir).dev;
    expect(linkOrCopy(from, to)).toBe(sameDevice);
    expect(readFileSync(to, 'utf8')).toBe('{"kept":true}\n');
    expect(statSync(to).ino === statSync(from).ino).toBe(sameDevice);
    expect(readdirSync(other)).toEqual(['published.json']); // no temporary file left
  });

  it('reports a missing file instead of publishing nothing', () => {
    expect(() => linkOrCopy(path.join(dir, 'missing.json'), path.join(dir, 'x.json'))).toThrow(/ENOENT/);
  });
});
