import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** A configuration file's text, or why there is none: missing (allowed for some), or there but unusable. */
export type ConfigText = { text: string } | { missing: true } | { unusable: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a configuration file (`content/site.yaml`, `content/method.yaml`) as UTF-8. A folder in its place, a file that
 * cannot be read, or bytes that are not UTF-8 are said so (`unusable`: what was found), never taken for a missing file.
 */
export function readConfigTextSync(file: string, kind = 'YAML file'): ConfigText {
  try {
    return decoded(readFileSync(file));
  } catch (error) {
    return failure(error, kind);
  }
}

/** The same, without blocking. */
export async function readConfigText(file: string, kind = 'YAML file'): Promise<ConfigText> {
  try {
    return decoded(await readFile(file));
  } catch (error) {
    return failure(error, kind);
  }
}

function decoded(bytes: Buffer): ConfigText {
  try {
    return { text: UTF8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { unusable: 'bytes that are not UTF-8 text, expected the file saved as UTF-8' };
  }
}

/** `kind`: what the file should be, in the message (`YAML file`, `MDX page`). */
function failure(error: unknown, kind: string): ConfigText {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { missing: true };
  if (code === 'EISDIR') return { unusable: `a folder, expected a ${kind}` };
  return { unusable: `a file that cannot be read (${code ?? String(error)}), expected a readable ${kind}` };
}
