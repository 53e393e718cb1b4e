import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexCache } from '../src/core/search/index-cache.ts';
import { searchablePage } from '../src/core/search/searchable-page.ts';

const page = (body: string, head = '<style>main{color:red}</style>') =>
  Buffer.from(`<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>غارة الضمير · تحقيق</title>${head}</head><body><nav><a href="/">تحقيق</a></nav>${body}<footer>© تحقيق</footer></body></html>`);
const text = (b: Buffer | undefined) => b?.toString('utf8');

describe('what Pagefind is given of a page', () => {
  it('keeps the html tag (language), the title and the data-pagefind-body element, and drops the head\'s styles and the page around the body', () => {
    const html = text(searchablePage(page('<main id="main" data-pagefind-body><h1>غارة الضمير</h1><p>مات خالد المسعود</p></main>')));
    expect(html).toBe('<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>غارة الضمير · تحقيق</title></head><body><main id="main" data-pagefind-body><h1>غارة الضمير</h1><p>مات خالد المسعود</p></main></body></html>');
  });

  it('cuts out an element marked data-pagefind-ignore="all", with the elements of its name nested in it, and keeps what follows', () => {
    const html = text(searchablePage(page('<main data-pagefind-body><h1>ادعاء</h1><section class="source" data-pagefind-ignore="all"><section><p>نص المصدر</p></section><p>بقية المصدر</p></section><p>خاتمة</p></main>')));
    expect(html).toContain('<main data-pagefind-body><h1>ادعاء</h1><p>خاتمة</p></main>');
    expect(html).not.toContain('المصدر');
  });

  it('leaves data-pagefind-ignore without "all" to Pagefind (it still reads filters and meta inside)', () => {
    const html = text(searchablePage(page('<main data-pagefind-body><p data-pagefind-ignore>تجاهل</p><p>ابحث</p></main>')));
    expect(html).toContain('<p data-pagefind-ignore>تجاهل</p>');
  });

  it('keeps every data-pagefind-body element of a page', () => {
    const html = text(searchablePage(page('<div data-pagefind-body><p>أول</p><div><p>داخل</p></div></div><aside>خارج</aside><div data-pagefind-body>ثان</div>')));
    expect(html).toContain('<body><div data-pagefind-body><p>أول</p><div><p>داخل</p></div></div>\n<div data-pagefind-body>ثان</div></body>');
    expect(html).not.toContain('خارج');
  });

  it('gives nothing for a page without data-pagefind-body (Pagefind leaves those out once any page has one)', () => {
    expect(searchablePage(page('<main><h1>كل الملفات</h1></main>'))).toBeUndefined();
  });

  it('gives the whole page when Pagefind attributes outside the body would be lost by cutting', () => {
    const whole = page('<main data-pagefind-body><h1>ادعاء</h1></main>', '<meta data-pagefind-meta="image:/x.png">');
    expect(searchablePage(whole)).toBe(whole);
  });
});

describe('kept Pagefind bundles', () => {
  const pages = [
    { url: '/cases/b/', html: Buffer.from('<p>ب</p>') },
    { url: '/cases/a/', html: Buffer.from('<p>أ</p>') },
  ];

  it('digests the same pages to the same key in any order, and to another key when a page, a URL or the settings change', () => {
    const key = IndexCache.digest('pagefind 1.6.0', pages);
    expect(IndexCache.digest('pagefind 1.6.0', [...pages].reverse())).toBe(key);
    expect(IndexCache.digest('pagefind 1.6.0', [pages[0]!, { url: '/cases/a/', html: Buffer.from('<p>أأ</p>') }])).not.toBe(key);
    expect(IndexCache.digest('pagefind 1.6.0', [pages[0]!, { url: '/cases/c/', html: pages[1]!.html }])).not.toBe(key);
    expect(IndexCache.digest('pagefind 1.7.0', pages)).not.toBe(key);
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
    expect(readdirSync(cache.dir).sort()).toEqual(['old', 'older']);
    cache.save('new', bundle);
    expect(readdirSync(cache.dir).sort()).toEqual(['new', 'old']);
    expect(cache.restore('old', path.join(root, 'out'))).toBe(true);
    age('new', 2_000); // restoring made 'old' the newest; 'new' is older than it now
    cache.save('newest', bundle);
    expect(existsSync(path.join(cache.dir, 'old'))).toBe(true);
    expect(readdirSync(cache.dir).sort()).toEqual(['newest', 'old']);
  });
});
