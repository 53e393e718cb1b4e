import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

/**
 * A piece of an output that is a file (a part kept from an earlier build): its first `size` bytes, copied in, never
 * read whole into memory. The file may hold more after them (the seal that derivedFile in case-cache.ts checks).
 */
export interface FilePiece {
  readonly file: string;
  /** The piece's length in bytes (a part that is empty is left out, with what would separate it). */
  readonly size: number;
}

/** A piece of an output: text, bytes, or a kept file. */
export type OutputPiece = string | Uint8Array | FilePiece;

/** An output's bytes: whole, or in pieces written one after the other (never joined in memory). */
export type OutputBody = string | Uint8Array | Iterable<OutputPiece>;

const isFile = (piece: OutputPiece): piece is FilePiece => typeof piece === 'object' && !(piece instanceof Uint8Array);

/** A piece's length: characters of a text, bytes of bytes or of a kept file. */
export function pieceLength(piece: OutputPiece): number {
  return isFile(piece) ? piece.size : piece.length;
}

/** A piece's bytes, read whole (the dev server's responses). */
export function pieceBytes(piece: OutputPiece): Uint8Array {
  if (typeof piece === 'string') return Buffer.from(piece);
  if (!isFile(piece)) return piece;
  const bytes = readFileSync(piece.file);
  if (bytes.length < piece.size) throw cutShort(piece);
  return bytes.subarray(0, piece.size);
}

/** A kept file shorter than its piece: changed since it was named (while the build or dev server ran). */
const cutShort = (piece: FilePiece) => new Error(`${piece.file} holds fewer than the ${piece.size} bytes it held when the build named it; run the command again`);

/**
 * One buffer for every kept file copied into an output. At 4,000 cases `/claims.json` is 4,000 kept parts, 135 MB:
 * read each into a buffer of its own, they took 300–340 ms to write (CPU 370 ms, most of it the kernel's, filling
 * fresh memory); through one buffer, 140–150 ms (CPU 170 ms).
 */
const copyBuffer = Buffer.allocUnsafeSlow(1 << 20);

/** Writes all of `data` at the file's current end (a write may take fewer bytes than it was given). */
function writeAll(fd: number, data: Uint8Array, length = data.length): void {
  for (let done = 0; done < length; ) done += writeSync(fd, data, done, length - done);
}

/** Appends `piece` to the open file `fd` (a file piece's first `size` bytes); returns the bytes written. */
export function writePiece(fd: number, piece: OutputPiece): number {
  if (!isFile(piece)) {
    const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
    writeAll(fd, data);
    return data.length;
  }
  const source = openSync(piece.file, 'r');
  try {
    let bytes = 0;
    while (bytes < piece.size) {
      const read = readSync(source, copyBuffer, 0, Math.min(copyBuffer.length, piece.size - bytes), null);
      if (read === 0) throw cutShort(piece);
      writeAll(fd, copyBuffer, read);
      bytes += read;
    }
    return bytes;
  } finally {
    closeSync(source);
  }
}
