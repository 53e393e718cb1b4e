import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The dev server's file watcher (chokidar, through Vite) drops a second `change` of the same file that comes
 * within 50 ms of the first. A program that truncates a file and then writes it (`writeFileSync`, many
 * editors' "save") can thus be reported once, at the truncation: the file is read empty, and the write that
 * follows is never reported, so the page would keep showing an empty, broken case.
 *
 * `settledChanges` runs the work for each change one at a time, in the order the changes came, and once a
 * change's work is done reads the file again after `settleMs` (past the watcher's window): if its bytes
 * differ from those before the work, the work is done again, until the file holds still. A file found empty
 * is read again after `settleMs` before any work: most often it is a save caught between truncation and write.
 */
export function settledChanges(settleMs = 100, maxRounds = 20): (file: string, work: () => Promise<void>) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (file, work) => {
    const run = async () => {
      let before = await bytesOf(file);
      // Empty is what a save looks like between its truncation and its write: wait for the write before the work,
      // rather than report an empty case for the moment between (a file left empty is reported a moment later).
      if (before?.length === 0) {
        await sleep(settleMs);
        before = await bytesOf(file);
      }
      for (let round = 1; ; round++) {
        await work();
        await sleep(settleMs);
        const after = await bytesOf(file);
        if (same(before, after) || round === maxRounds) return;
        before = after;
      }
    };
    const done = queue.then(run);
    queue = done.catch(() => undefined);
    return done;
  };
}

/** A file's bytes, or `undefined` once it is gone. */
async function bytesOf(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch(() => undefined);
}

function same(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
