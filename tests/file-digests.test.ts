import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDigests } from '../src/core/file-digests.ts';
import { settledIdentity } from '../src/core/file-identity.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A folder with two files, and where their digests are stored. */
function project(): { root: string; store: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-file-digests-'));
  writeFileSync(path.join(root, 'a.txt'), 'الفقرة الأولى');
  writeFileSync(path.join(root, 'b.txt'), 'second');
  return { root, store: path.join(root, 'cache/file-digests.json') };
}

/** A run over both files: their digests, and how many were read. `settledNs` 0: every file counts as settled. */
function run(root: string, store: string, settledNs?: bigint): { a: string | undefined; b: string | undefined; read: number } {
  const digests = new FileDigests(root, store, settledNs === undefined ? {} : { settledNs });
  const result = { a: digests.sha256('a.txt'), b: digests.sha256(path.join(root, 'b.txt')), read: digests.read };
  digests.save();
  return result;
}

describe('digests of files remembered by their identity', () => {
  it('reads a file once while it stays the same file, unwritten', () => {
    const { root, store } = project();
    expect(run(root, store, 0n)).toEqual({ a: sha256('الفقرة الأولى'), b: sha256('second'), read: 2 });
    expect(run(root, store, 0n)).toEqual({ a: sha256('الفقرة الأولى'), b: sha256('second'), read: 0 });
  });

  it('reads a file edited in place again, even with the same size and its old modification time set back', () => {
    const { root, store } = project();
    run(root, store, 0n);
    const file = path.join(root, 'b.txt');
    const reference = path.join(root, 'times-of-b');
    // `touch -r` copies the times to the nanosecond (fs.utimes takes seconds as a double: not that precise).
    execFileSync('touch', ['-r', file, reference]);
    writeFileSync(file, 'SECOND');
    execFileSync('touch', ['-r', reference, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(statSync(reference, { bigint: true }).mtimeNs);
    expect(run(root, store, 0n)).toEqual({ a: sha256('الفقرة الأولى'), b: sha256('SECOND'), read: 1 });
  });

  it('reads a file replaced by another one again', () => {
    const { root, store } = project();
    run(root, store, 0n);
    writeFileSync(path.join(root, 'new.txt'), 'second');
    renameSync(path.join(root, 'new.txt'), path.join(root, 'b.txt'));
    expect(run(root, store, 0n).read).toBe(1);
  });

  it('does not remember a file written just before it was read (a write in the same clock tick could go unseen)', () => {
    const { root, store } = project();
    run(root, store);
    expect(run(root, store).read).toBe(2);
  });

  it('gives undefined for a missing file, and reads every file when its store is not readable', () => {
    const { root, store } = project();
    run(root, store, 0n);
    writeFileSync(store, '{ not json');
    expect(run(root, store, 0n)).toMatchObject({ a: sha256('الفقرة الأولى'), read: 2 });
    expect(new FileDigests(root, store).sha256('missing.txt')).toBeUndefined();
  });

  it('counts a file written in the millisecond its read started as settled only when settledNs is 0', () => {
    // The read's start comes from Date.now (whole milliseconds), the change time to the nanosecond: a file written
    // 0.4 ms into the millisecond the read started in seems to have changed 0.4 ms after it.
    const read = { identity: '1:2:3:4:5', settledForNs: -400_000n };
    expect(settledIdentity(read, 0n)).toBe('1:2:3:4:5');
    expect(settledIdentity(read)).toBeUndefined();
    expect(settledIdentity({ identity: '1:2:3:4:5', settledForNs: 1_999_999_999n })).toBeUndefined();
    expect(settledIdentity({ identity: '1:2:3:4:5', settledForNs: 2_000_000_000n })).toBe('1:2:3:4:5');
  });
});
