/**
 * The CLI's one-file bundle (src/cli/cli-bundle.ts), what `npx tahqiq` runs for a fast start: used only while
 * every file it was made from is unchanged.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle, freshBundle } from '../src/cli/cli-bundle.ts';

describe('the CLI bundle', () => {
  it('is reused while its input files are unchanged, and made again once one of them changes', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'tahqiq-bundle-'));
    const entry = path.join(work, 'entry.ts');
    const dep = path.join(work, 'dep.ts');
    writeFileSync(entry, "import { words } from './dep.ts';\nexport const main = async (): Promise<string> => words.join(' ');\n");
    writeFileSync(dep, "export const words: string[] = ['first'];\n");
    const past = new Date(Date.now() - 60_000);
    for (const file of [entry, dep]) utimesSync(file, past, past);
    const options = { entry, dir: path.join(work, 'cache') };
    expect(freshBundle(options)).toBeUndefined();
    const first = (await buildBundle(options))!;
    expect(freshBundle(options)).toBe(first);
    expect(await ((await import(pathToFileURL(first).href)) as { main: () => Promise<string> }).main()).toBe('first');

    writeFileSync(dep, "export const words: string[] = ['first', 'second'];\n");
    utimesSync(dep, past, new Date(Date.now() - 30_000));
    expect(freshBundle(options)).toBeUndefined();
    const second = (await buildBundle(options))!;
    expect(second).not.toBe(first);
    expect(freshBundle(options)).toBe(second);
    expect(await ((await import(pathToFileURL(second).href)) as { main: () => Promise<string> }).main()).toBe('first second');
  });

  it('is not recorded as current when an input was saved while it was being made', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'tahqiq-bundle-'));
    const entry = path.join(work, 'entry.ts');
    writeFileSync(entry, 'export const main = async (): Promise<number> => 1;\n');
    const options = { entry, dir: path.join(work, 'cache') };
    expect(await buildBundle(options)).toBeDefined();
    expect(freshBundle(options)).toBeUndefined();
  });
});
