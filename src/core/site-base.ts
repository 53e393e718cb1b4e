import type { Nodes, Root } from 'mdast';
import { eachNode } from './each-node.ts';
import { readSiteConfig } from './site-config.ts';

/** The site's base path by run (`/` at the root of a domain, `/tahqiq/` for a project site): read once per run. */
const perRun = new WeakMap<object, string>();

/**
 * The sub-path the site is served under (`base` in content/site.yaml, or `TAHQIQ_BASE`), `/` when none is set or the
 * configuration cannot be read (its problems are reported by the build and by `check` themselves).
 */
export function siteBase(root: string, run: object = {}): string {
  let base = perRun.get(run);
  if (base === undefined) perRun.set(run, (base = readSiteConfig(root).config?.base ?? '/'));
  return base;
}

/** An address from the site's root (`/images/x.png`), not another site's (`//host/…`, `/\host`). */
export function isFromSiteRoot(url: string): boolean {
  return /^\/(?![/\\])/.test(url);
}

/**
 * An address as written in a case file, as the page must give it: one from the site's root gets the base path in
 * front (`/images/x.png` is `/tahqiq/images/x.png` on a site served under `/tahqiq/`), unless it has it already.
 */
export function underBase(url: string, base: string): string {
  const address = url.trimStart();
  if (base === '/' || !isFromSiteRoot(address) || address.startsWith(base)) return url;
  return `${base}${address.slice(1)}`;
}

/** The same address from the site's root, the base path taken off when it is written with it (for `public/`). */
export function withoutBase(url: string, base: string): string {
  const address = url.trimStart();
  return base !== '/' && address.startsWith(base) ? `/${address.slice(base.length)}` : address;
}

/** Puts the base path in front of every address from the site's root in a parsed case file: links, images, definitions. */
export function putUnderBase(root: Root, base: string): void {
  if (base === '/') return;
  eachNode(root, (node: Nodes) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') node.url = underBase(node.url, base);
  });
}
