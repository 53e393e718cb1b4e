import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { close } from 'pagefind';
import { describe, expect, it } from 'vitest';
import { IndexCache } from '../src/core/search/index-cache.ts';
import { pageHash, pagesDigest } from '../src/integrations/built-pages.ts';
import { indexShard, pageGlob } from '../src/core/search/index-shard.ts';
import { indexShards } from '../src/core/search/index-shards.ts';
import { shardsOf } from '../src/integrations/pagefind.ts';

describe('kept Pagefind bundles', () => {
  const pages = [
    { file: 'cases/b/index.html', bytes: Buffer.from('<p>ب</p>') },
    { file: 'cases/a/index.html', bytes: Buffer.from('<p>أ</p>') },
  ];

  const hashes = new Map(pages.map((p) => [p.file, { hash: pageHash(p.bytes), searchable: true }]));

  it('digests the same pages to the same key in any order, and to another key when a page, a path or the settings change', () => {
    const key = IndexCache.key('pagefind 1.6.0', pagesDigest(hashes));
    expect(IndexCache.key('pagefind 1.6.0', pagesDigest(new Map([...hashes].reverse())))).toBe(key);
    expect(IndexCache.key('pagefind 1.6.0', pagesDigest(new Map([...hashes, ['cases/a/index.html', { hash: pageHash(Buffer.from('<p>أأ</p>')), searchable: true }]])))).not.toBe(key);
    expect(IndexCache.key('pagefind 1.6.0', pagesDigest(new Map([['cases/b/index.html', hashes.get('cases/b/index.html')!], ['cases/c/index.html', hashes.get('cases/a/index.html')!]])))).not.toBe(key);
    expect(IndexCache.key('pagefind 1.7.0', pagesDigest(hashes))).not.toBe(key);
  });

  it('puts each page in the same shard whatever the other pages, one shard per so many pages', () => {
    const many = new Map(Array.from({ length: 25 }, (_, i) => [`cases/c${i}/index.html`, { hash: String(i), searchable: true }]));
    const shards = shardsOf(many, 10);
    expect(shards.map((s) => s.folder)).toEqual(['', 's1/', 's2/']);
    expect(shards.reduce((n, s) => n + s.pages.size, 0)).toBe(25);
    // Changing one page's bytes moves no page to another shard.
    const edited = shardsOf(new Map([...many, ['cases/c3/index.html', { hash: 'edited', searchable: true }]]), 10);
    expect(edited.map((s) => [...s.pages.keys()])).toEqual(shards.map((s) => [...s.pages.keys()]));
    expect(shardsOf(many, 1000).map((s) => s.pages.size)).toEqual([25]);
    // Pages that mark nothing to index (lists) stay out of every shard, unless no page marks anything.
    const lists = new Map([...many, ['index.html', { hash: 'list', searchable: false }], ['page/2/index.html', { hash: 'list 2', searchable: false }]]);
    expect(shardsOf(lists, 10).flatMap((s) => [...s.pages.keys()])).not.toContain('index.html');
    expect(shardsOf(new Map([['index.html', { hash: 'list', searchable: false }]]), 10)[0]!.pages.has('index.html')).toBe(true);
  });

  it('restores a saved bundle over whatever the target held, and nothing for an unknown key', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-index-cache-'));
    const bundle = path.join(root, 'bundle');
    mkdirSync(path.join(bundle, 'index'), { recursive: true });
    writeFileSync(path.join(bundle, 'pagefind-entry.json'), '{"version":"1"}');
    writeFileSync(path.join(bundle, 'index/ar_1.pf_index'), 'chunk');
    const cache = new IndexCache(path.join(root, 'cache'));
    cache.save('k1', bundle);
    const target = path.join(root, 'dist/pagefind');
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'stale.json'), 'old');
    expect(cache.restore('k1', target)).toBe(true);
    expect(readdirSync(target, { recursive: true }).sort()).toEqual(['index', 'index/ar_1.pf_index', 'pagefind-entry.json']);
    expect(readFileSync(path.join(target, 'index/ar_1.pf_index'), 'utf8')).toBe('chunk');
    expect(cache.restore('k2', target)).toBe(false);
  });

  it('keeps the newest bundles (made or restored) and drops the older ones', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-index-cache-'));
    const bundle = path.join(root, 'bundle');
    mkdirSync(bundle);
    writeFileSync(path.join(bundle, 'pagefind-entry.json'), '{}');
    const cache = new IndexCache(path.join(root, 'cache'), 2);
    const age = (key: string, seconds: number) => utimesSync(path.join(cache.dir, key), seconds, seconds);
    cache.save('old', bundle);
    age('old', 1_000);
    cache.save('older', bundle);
    age('older', 500);
    expect(readdirSync(cache.dir).sort()).toEqual(['old', 'old.files.json', 'older', 'older.files.json']);
    cache.save('new', bundle);
    expect(readdirSync(cache.dir).sort()).toEqual(['new', 'new.files.json', 'old', 'old.files.json']);
    expect(cache.restore('old', path.join(root, 'out'))).toBe(true);
    age('new', 2_000); // restoring made 'old' the newest; 'new' is older than it now
    cache.save('newest', bundle);
    expect(existsSync(path.join(cache.dir, 'old'))).toBe(true);
    expect(readdirSync(cache.dir).sort()).toEqual(['newest', 'newest.files.json', 'old', 'old.files.json']);
  });
});

describe('a shard of the search index', () => {
  /** A built site of six pages (one with an Arabic path; one with a comma and one with `$`, which a glob cannot name) and a file that is not a page. */
  function site(): string {
    const outDir = mkdtempSync(path.join(tmpdir(), 'tahqiq-shard-'));
    for (const [file, words] of [['cases/a/index.html', 'alpha'], ['cases/b/index.html', 'beta'], ['cases/دمشق/index.html', 'gamma'], ['notes/x,y/index.html', 'delta'], ['notes/p$q/index.html', 'epsilon'], ['notes/pzq/index.html', 'zeta']]) {
      mkdirSync(path.dirname(path.join(outDir, file!)), { recursive: true });
      writeFileSync(path.join(outDir, file!), `<!doctype html><html lang="en"><head><title>${words}</title></head><body><main data-pagefind-body><p>${words} words</p></main></body></html>`);
    }
    writeFileSync(path.join(outDir, 'cases/a/notes.html.txt'), 'not a page');
    return outDir;
  }

  /** The page addresses a written bundle holds (each fragment: `pagefind_dcd` and JSON, gzipped). */
  const indexedUrls = (bundle: string) =>
    readdirSync(path.join(bundle, 'fragment'))
      .map((f) => (JSON.parse(gunzipSync(readFileSync(path.join(bundle, 'fragment', f))).toString().replace(/^pagefind_dcd/, '')) as { url: string }).url)
      .sort();

  it('names a page in a glob by its path, and not when the path holds glob syntax', () => {
    expect(pageGlob('cases/a/index.html')).toBe('cases/a/index.html');
    expect(pageGlob('notes/a b_c-d.e~f@g+h/index.html')).toBe('notes/a b_c-d.e~f@g+h/index.html');
    expect(pageGlob('cases/دمشق/index.html')).toBe('cases/دمشق/index.html');
    for (const odd of ['notes/x,y/index.html', 'a{b}/index.html', 'a*/index.html', 'a[1]/index.html', 'a?/index.html', 'a!/index.html', 'a\\b/index.html', 'a$b/index.html', 'a<b>/index.html', 'a(b)/index.html', 'a:b/index.html', 'a#b/index.html']) {
      expect(pageGlob(odd)).toBeUndefined();
    }
  });

  it('indexes the pages of its shard and no other, by a glob or through a scratch folder it then removes', async () => {
    const outDir = site();
    await indexShard(outDir, ['cases/a/index.html', 'cases/دمشق/index.html'], path.join(outDir, 'pagefind'));
    expect(indexedUrls(path.join(outDir, 'pagefind'))).toEqual(['/cases/a/', `/cases/${encodeURIComponent('دمشق')}/`].sort());
    await indexShard(outDir, ['cases/b/index.html', 'notes/x,y/index.html'], path.join(outDir, 'pagefind/s1'));
    expect(indexedUrls(path.join(outDir, 'pagefind/s1'))).toEqual(['/cases/b/', '/notes/x,y/']);
    // `$` in a glob matches like `*`: named in one, `notes/p$q/` would take in `notes/pzq/` too.
    await indexShard(outDir, ['notes/p$q/index.html'], path.join(outDir, 'pagefind/s2'));
    expect(indexedUrls(path.join(outDir, 'pagefind/s2'))).toEqual(['/notes/p$q/']);
    expect(readdirSync(outDir).filter((name) => name.startsWith('.pagefind-shard-'))).toEqual([]);
    await close();
  });

  it('writes the same bytes for the same pages whatever order the file system lists them in', async () => {
    // Two copies of one site, their folders made in opposite orders, in memory where the machine has a tmpfs (which
    // lists a folder in the order its entries were made; ext4 in an order of their names' hashes, seeded per file
    // system): Pagefind, reading the folder in one request, met the pages in another order, and wrote another index.
    const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const names = ['أ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'a', 'b', 'c', 'd'];
    const copies: string[] = [];
    const copy = (order: readonly string[]) => {
      const outDir = mkdtempSync(path.join(scratch, 'tahqiq-shard-order-'));
      for (const name of order) {
        mkdirSync(path.join(outDir, 'cases', name), { recursive: true });
        writeFileSync(path.join(outDir, 'cases', name, 'index.html'), `<!doctype html><html lang="ar"><head><title>${name}</title></head><body><main data-pagefind-body><h1>${name}</h1><p>ملف ${name} عن غارة في ${name}</p></main></body></html>`);
      }
      copies.push(outDir);
      return outDir;
    };
    const bundleOf = async (outDir: string) => {
      await indexShard(outDir, names.map((name) => `cases/${name}/index.html`), path.join(outDir, 'pagefind'));
      const bundle = path.join(outDir, 'pagefind');
      return readdirSync(bundle, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .map((file) => `${path.relative(bundle, file)} ${pageHash(readFileSync(file))}`)
        .sort();
    };
    const forwards = await bundleOf(copy(names));
    const backwards = await bundleOf(copy(names.toReversed()));
    expect(backwards).toEqual(forwards);
    expect(forwards.filter((f) => f.startsWith('fragment/'))).toHaveLength(names.length);
    for (const outDir of copies) rmSync(outDir, { recursive: true, force: true });
    await close();
  });

  it('indexes shards side by side, in a worker thread too, into the bundles one thread writes', async () => {
    const outDir = site();
    const shards = [['cases/a/index.html', 'notes/p$q/index.html'], ['cases/b/index.html'], ['cases/دمشق/index.html', 'notes/x,y/index.html'], ['notes/pzq/index.html']];
    const files = (bundle: string) =>
      readdirSync(bundle, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => `${path.relative(bundle, path.join(e.parentPath, e.name))} ${pageHash(readFileSync(path.join(e.parentPath, e.name)))}`)
        .sort();
    await indexShards(outDir, shards.map((pages, k) => ({ pages, folder: path.join(outDir, `side/${k}`) })), 2);
    for (const [k, pages] of shards.entries()) await indexShard(outDir, pages, path.join(outDir, `alone/${k}`));
    await close();
    for (const k of shards.keys()) expect(files(path.join(outDir, `side/${k}`))).toEqual(files(path.join(outDir, `alone/${k}`)));
    expect(indexedUrls(path.join(outDir, 'side/0'))).toEqual(['/cases/a/', '/notes/p$q/']);
    expect(readdirSync(outDir).filter((name) => name.startsWith('.pagefind-page-'))).toEqual([]);
  });

  it('stops with the page Pagefind could not read alone, whichever lane indexed it', async () => {
    const outDir = site();
    const missing = { pages: ['cases/a/index.html', 'cases/gone/index.html'], folder: path.join(outDir, 'x/1') };
    await expect(indexShards(outDir, [{ pages: ['cases/b/index.html'], folder: path.join(outDir, 'x/0') }, missing], 2)).rejects.toThrow('Pagefind found 0 pages where it was to read cases/gone/index.html alone');
    await expect(indexShard(outDir, missing.pages, missing.folder)).rejects.toThrow('cases/gone/index.html');
    await close();
  });
});
