import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settledChanges } from '../src/core/settled-changes.ts';

describe('work after a watched file changes (the dev server)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-settled-'));
  const file = path.join(dir, 'case.md');

  it('is done again when the file was written after it was read (a write whose change event the watcher dropped)', async () => {
    // A truncation was reported; the write that followed it was not.
    writeFileSync(file, '');
    const seen: string[] = [];
    await settledChanges(20)(file, async () => {
      seen.push(readFileSync(file, 'utf8'));
      if (seen.length === 1) writeFileSync(file, '---\ntitle: written\n---\n');
    });
    expect(seen).toEqual(['', '---\ntitle: written\n---\n']);
  });

  it('waits for the write of a file found empty (a save caught between truncation and write) before the work', async () => {
    writeFileSync(file, '');
    const seen: string[] = [];
    const done = settledChanges(60)(file, async () => void seen.push(readFileSync(file, 'utf8')));
    setTimeout(() => writeFileSync(file, '---\ntitle: written\n---\n'), 5);
    await done;
    expect(seen).toEqual(['---\ntitle: written\n---\n']);
  });

  it('is done once when the file holds still, and once when the file is gone', async () => {
    writeFileSync(file, 'still');
    let runs = 0;
    const afterChange = settledChanges(20);
    await afterChange(file, async () => void runs++);
    expect(runs).toBe(1);
    rmSync(file);
    await afterChange(file, async () => void runs++);
    expect(runs).toBe(2);
  });

  it('runs the work of successive changes one at a time, in the order the changes came, past a failure', async () => {
    writeFileSync(file, 'a');
    const afterChange = settledChanges(5);
    const order: string[] = [];
    let running = 0;
    const step = (name: string, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(name);
      running--;
      if (fail) throw new Error(name);
    };
    const first = afterChange(file, step('first', true));
    const second = afterChange(file, step('second'));
    await expect(first).rejects.toThrow('first');
    await second;
    expect(order).toEqual(['first', 'second']);
  });
});
