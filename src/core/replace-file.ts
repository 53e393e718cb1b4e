import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file of the tool's caches or outputs whole or not at all: under a temporary name, then renamed into place,
 * so a reader (another build, a worker) sees the old file or the new one, never half of one.
 *
 * A folder where the file belongs (left by a damaged cache restore, or by hand) is removed and the rename tried once
 * more: what these folders hold is only ever a copy of what a build makes.
 */
export function replaceFile(file: string, bytes: string | Uint8Array): void {
  replaceFileBy(file, (temporary) => writeFileSync(temporary, bytes));
}

/** replaceFile, the temporary file made by `write` (a copy of another file, never read whole into memory). */
export function replaceFileBy(file: string, write: (temporary: string) => void): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    write(temporary);
    try {
      renameSync(temporary, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'ENOTEMPTY') throw error;
      rmSync(file, { recursive: true, force: true });
      renameSync(temporary, file);
    }
  } catch (failure) {
    rmSync(temporary, { force: true });
    throw failure;
  }
}
