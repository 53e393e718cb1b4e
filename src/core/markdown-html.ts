import type { Nodes as HastNodes } from 'hast';
import type { PhrasingContent, RootContent } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const toHtml = unified().use(remarkRehype).use(rehypeStringify);

/**
 * Renders case-file markdown (notes, claim statements, reasoning) to HTML.
 * Raw HTML is never passed through (remark-rehype drops it; interpret-case.ts
 * reports it as an error first), so the result is safe to publish.
 */
export function markdownToHtml(nodes: readonly RootContent[]): string {
  const tree = toHtml.runSync({ type: 'root', children: [...nodes] });
  return toHtml.stringify(tree as HastNodes & { type: 'root' }).trim();
}

/** Renders inline markdown (a claim statement) without a wrapping paragraph. */
export function phrasingToHtml(nodes: readonly PhrasingContent[]): string {
  return markdownToHtml([{ type: 'paragraph', children: [...nodes] }]).replace(/^<p>|<\/p>$/g, '');
}
