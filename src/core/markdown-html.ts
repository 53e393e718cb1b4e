import type { Nodes as HastNodes } from 'hast';
import type { Definition, PhrasingContent, RootContent } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeIsolateBidi from './rehype-isolate-bidi.ts';

const processors = {
  ltr: unified().use(remarkRehype).use(rehypeIsolateBidi, { dir: 'ltr' }).use(rehypeStringify),
  rtl: unified().use(remarkRehype).use(rehypeIsolateBidi, { dir: 'rtl' }).use(rehypeStringify),
};

/**
 * Renders case-file markdown (notes, claim statements, reasoning) to HTML.
 * Raw HTML is never passed through (remark-rehype drops it) and links with unsafe
 * schemes never get here: interpret-case.ts reports both as errors and the case is
 * not published. Runs of the
 * other direction (Latin in Arabic text…) are isolated in `<bdi>`.
 */
export function markdownToHtml(nodes: readonly RootContent[], dir: 'ltr' | 'rtl' = 'ltr'): string {
  const toHtml = processors[dir];
  const tree = toHtml.runSync({ type: 'root', children: [...nodes] });
  return toHtml.stringify(tree as HastNodes & { type: 'root' }).trim();
}

/** Renders inline markdown (a claim statement) without a wrapping paragraph. */
export function phrasingToHtml(nodes: readonly PhrasingContent[], dir: 'ltr' | 'rtl' = 'ltr', definitions: readonly Definition[] = []): string {
  return markdownToHtml([{ type: 'paragraph', children: [...nodes] }, ...definitions], dir).replace(/^<p>|<\/p>$/g, '');
}
