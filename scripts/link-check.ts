#!/usr/bin/env node
/**
 * Link checker for a built site: every internal link, asset and `#fragment` in every
 * HTML page of `dist/` must resolve to a file (and an element id) of the same build,
 * under the site's base path. `node scripts/link-check.ts [dist] [--base /sub/] [--site https://…]`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';

export interface LinkReport {
  pages: number;
  /** Internal references checked (links, assets, fragments). */
  checked: number;
  /** `page: reference (why)` for each one that does not resolve. */
  broken: string[];
}

/** Attributes that point at something: links, assets, and the absolute URLs in head meta. */
const REFERENCES: [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['link[href]', 'href'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['iframe[src]', 'src'],
  ['form[action]', 'action'],
  ['meta[property="og:image"]', 'content'],
  ['meta[property="og:url"]', 'content'],
  ['meta[name="twitter:image"]', 'content'],
];

function attr(el: Element, name: string): string {
  const value = el.properties[name];
  return Array.isArray(value) ? value.join(' ') : String(value ?? '');
}

/** Checks every page of `dir` as if served at `site` + `base`. */
export function checkLinks(dir: string, options: { base?: string; site?: string } = {}): LinkReport {
  const base = options.base ?? '/';
  const origin = new URL(options.site ?? 'https://site.invalid/').origin;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && statSync(path.join(dir, f)).isFile()).sort();
  const trees = new Map<string, Root>();
  const idsCache = new Map<string, Set<string>>();
  const tree = (file: string) => {
    if (!trees.has(file)) trees.set(file, fromHtml(readFileSync(path.join(dir, file), 'utf8')));
    return trees.get(file)!;
  };
  const ids = (file: string) => {
    if (!idsCache.has(file)) idsCache.set(file, new Set(selectAll('[id]', tree(file)).map((el) => attr(el, 'id'))));
    return idsCache.get(file)!;
  };
  const broken: string[] = [];
  let checked = 0;
  for (const file of files) {
    const route = file.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1');
    const pageUrl = new URL(`${base}${route}`, origin);
    for (const [selector, attribute] of REFERENCES) {
      for (const el of selectAll(selector, tree(file))) {
        const ref = attr(el, attribute);
        if (!ref) continue;
        // Links written with a scheme point elsewhere (a source on the web, mailto:), even on the site's own domain;
        // absolute URLs in head and meta (canonical, hreflang, og:image) are the site's own.
        if (el.tagName === 'a' && /^[a-z][a-z0-9+.-]*:/i.test(ref)) continue;
        const url = new URL(ref, pageUrl);
        if (url.origin !== origin) continue;
        checked++;
        const report = (why: string) => broken.push(`${file}: ${ref} (${why})`);
        const pathname = decodeURIComponent(url.pathname);
        if (!pathname.startsWith(base)) {
          report(`outside the base path \`${base}\``);
          continue;
        }
        let target = pathname.slice(base.length);
        if (target === '' || target.endsWith('/')) target += 'index.html';
        const targetPath = path.join(dir, target);
        if (!existsSync(targetPath) || statSync(targetPath).isDirectory()) {
          report('no such file');
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && !fragment.startsWith(':~:') && target.endsWith('.html') && !ids(target).has(fragment)) report(`no element with id \`${fragment}\``);
      }
    }
  }
  return { pages: files.length, checked, broken };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { base: { type: 'string', default: '/' }, site: { type: 'string' } } });
  const report = checkLinks(path.resolve(positionals[0] ?? 'dist'), { base: values.base, ...(values.site ? { site: values.site } : {}) });
  for (const line of report.broken) console.error(line);
  console.log(`link check: ${report.pages} pages, ${report.checked} internal references, ${report.broken.length} broken`);
  process.exitCode = report.broken.length ? 1 : 0;
}
