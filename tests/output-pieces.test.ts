import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pieceBytes, pieceLength, writePiece, type OutputPiece } from '../src/core/output-pieces.ts';

describe('the pieces of an output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-output-pieces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A kept file of `bytes`, named as a piece. */
  const keptFile = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return { file, size: bytes.length };
  };

  // Larger than the buffer files are copied through (1 MiB), and not a multiple of it; Arabic text is 2 bytes a letter.
  const large = Buffer.from('تحقق من المصدر. '.repeat(90_000));
  const pieces: OutputPiece[] = ['{"a": ', keptFile('large.txt', large), Buffer.from(', "ب": '), keptFile('empty.txt', Buffer.alloc(0)), keptFile('small.txt', Buffer.from('"ج"}'))];
  const expected = Buffer.concat([Buffer.from('{"a": '), large, Buffer.from(', "ب": '), Buffer.from('"ج"}')]);

  it('writes texts, bytes and kept files in order, byte for byte, and counts their bytes', () => {
    expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
    const file = path.join(dir, 'out.json');
    const fd = openSync(file, 'w');
    let bytes = 0;
    try {
      for (const piece of pieces) bytes += writePiece(fd, piece);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(bytes).toBe(expected.length);
  });

  it('gives the same bytes whole, as the dev server sends them', () => {
    expect(Buffer.concat(pieces.map(pieceBytes)).equals(expected)).toBe(true);
  });

  it('measures a kept file by its size when named, and a text by its characters', () => {
    expect(pieces.map(pieceLength)).toEqual([6, large.length, Buffer.byteLength(', "ب": '), 0, Buffer.byteLength('"ج"}')]);
  });

  it('takes a kept file\'s first `size` bytes, whatever follows them, and fails naming it when it holds fewer', () => {
    const sealed = keptFile('sealed.txt', Buffer.from('"د"\n\0after'));
    const piece = { file: sealed.file, size: Buffer.byteLength('"د"') };
    expect(Buffer.from(pieceBytes(piece)).toString('utf8')).toBe('"د"');
    const out = path.join(dir, 'sealed-out.json');
    const fd = openSync(out, 'w');
    try {
      expect(writePiece(fd, piece)).toBe(piece.size);
      expect(() => writePiece(fd, { file: sealed.file, size: sealed.size + 1 })).toThrow(/sealed\.txt holds fewer than the \d+ bytes/);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(out, 'utf8')).toBe('"د"' + '"د"\n\0after');
    expect(() => pieceBytes({ file: sealed.file, size: sealed.size + 1 })).toThrow(/sealed\.txt holds fewer/);
  });

  it('fails naming the kept file when it is gone', () => {
    const fd = openSync(path.join(dir, 'other.json'), 'w');
    try {
      expect(() => writePiece(fd, { file: path.join(dir, 'gone.txt'), size: 3 })).toThrow(/gone\.txt/);
    } finally {
      closeSync(fd);
    }
  });
});
