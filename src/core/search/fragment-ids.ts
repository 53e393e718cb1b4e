import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IndexedPage } from './recent-pages.ts';

/** What Pagefind puts before the JSON of each of its files once decompressed. */
const SIGNATURE = 'pagefind_dcd';

/** The address Pagefind gives a page read from `file` (a path under the site's folder): `cases/x/index.html` → `/cases/x/`. */
export function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The fragments of a file of `fragment/`: one page's (with its `url`), or a group's, by page id. */
function fragmentsOf(name: string, bytes: Buffer): [id: string, url: string][] {
  const text = gunzipSync(bytes).toString('utf8');
  if (!text.startsWith(SIGNATURE)) throw new Error(`fragment/${name} does not start with Pagefind's signature`);
  const data = JSON.parse(text.slice(SIGNATURE.length)) as { url?: unknown } | Record<string, { url?: unknown }>;
  if (typeof data.url === 'string') return [[name.replace(/\.pf_fragment$/, ''), data.url]];
  return Object.entries(data as Record<string, { url?: unknown }>).flatMap(([id, fragment]) => (typeof fragment.url === 'string' ? [[id, fragment.url] as [string, string]] : []));
}

/** The entries of the Pagefind bundle written in `folder`: each page's address with the ids of its entries. Throws when a fragment cannot be read. */
export function entriesByUrl(folder: string): Map<string, string[]> {
  const idsByUrl = new Map<string, string[]>();
  const dir = path.join(folder, 'fragment');
  for (const name of readdirSync(dir)) {
    for (const [id, url] of fragmentsOf(name, readFileSync(path.join(dir, name)))) {
      const ids = idsByUrl.get(url);
      if (ids) ids.push(id);
      else idsByUrl.set(url, [id]);
    }
  }
  return idsByUrl;
}

/**
 * The pages of a Pagefind bundle written in `folder`, each with the hash it had when indexed and the ids of its
 * entries (the ids the search box gets with each result): read from the bundle's fragments, which name their page's
 * address. Undefined when a page has no entry or a fragment cannot be read: then the bundle cannot serve with pages
 * set apart, and is indexed again when any of them changes.
 */
export function indexedPages(folder: string, pages: ReadonlyMap<string, { hash: string }>): Record<string, IndexedPage> | undefined {
  let idsByUrl: Map<string, string[]>;
  try {
    idsByUrl = entriesByUrl(folder);
  } catch {
    return undefined;
  }
  const indexed: Record<string, IndexedPage> = {};
  for (const [file, page] of pages) {
    const ids = idsByUrl.get(pageUrl(file));
    if (!ids) return undefined;
    indexed[file] = { hash: page.hash, ids: ids.sort() };
  }
  return indexed;
}
