import type { Nodes as HastNodes } from 'hast';
import type { Definition, PhrasingContent, Root, RootContent } from 'mdast';
import { defaultHandlers, type Handlers, type State } from 'mdast-util-to-hast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeIsolateBidi from './rehype-isolate-bidi.ts';

/** What a root handed to the processor stands for: the nodes to render and the file's link reference definitions. */
const held = new WeakMap<Root, { nodes: readonly RootContent[]; definitions: readonly Definition[] }>();

/**
 * mdast-util-to-hast walks the whole tree it is given with `unist-util-visit` to find link reference definitions,
 * at about a microsecond a node (a tenth of the core's time went into rendering notes, claim statements and
 * reasoning, half of it into that walk). The root it is given is empty; this handler renders the nodes it stands for,
 * with the definitions given, in document order (the first definition of a label wins, as in CommonMark).
 */
function root(state: State, node: Root): ReturnType<typeof defaultHandlers.root> {
  const { nodes, definitions } = held.get(node) ?? { nodes: node.children, definitions: [] };
  for (const definition of definitions) {
    const id = String(definition.identifier).toUpperCase();
    if (!state.definitionById.has(id)) state.definitionById.set(id, definition);
  }
  return defaultHandlers.root(state, { ...node, children: [...nodes] });
}

/** (A root handler returns a root, which the `Handler` type leaves out: mdast-util-to-hast's own is typed the same way.) */
const handlers = { root } as unknown as Handlers;

const processors = {
  ltr: unified().use(remarkRehype, { handlers }).use(rehypeIsolateBidi, { dir: 'ltr' }).use(rehypeStringify),
  rtl: unified().use(remarkRehype, { handlers }).use(rehypeIsolateBidi, { dir: 'rtl' }).use(rehypeStringify),
};

/**
 * Renders case-file markdown (notes, claim statements, reasoning) to HTML, with the file's link reference
 * definitions (`[label]: url`, which may stand anywhere in the file).
 * Raw HTML is never passed through (remark-rehype drops it) and links with unsafe
 * schemes never get here: interpret-case.ts reports both as errors and the case is
 * not published. Runs of the
 * other direction (Latin in Arabic text…) are isolated in `<bdi>`.
 */
export function markdownToHtml(nodes: readonly RootContent[], dir: 'ltr' | 'rtl' = 'ltr', definitions: readonly Definition[] = []): string {
  const toHtml = processors[dir];
  const stand: Root = { type: 'root', children: [] };
  held.set(stand, { nodes, definitions });
  const tree = toHtml.runSync(stand);
  return toHtml.stringify(tree as HastNodes & { type: 'root' }).trim();
}

/** Renders inline markdown (a claim statement) without a wrapping paragraph. */
export function phrasingToHtml(nodes: readonly PhrasingContent[], dir: 'ltr' | 'rtl' = 'ltr', definitions: readonly Definition[] = []): string {
  return markdownToHtml([{ type: 'paragraph', children: [...nodes] }], dir, definitions).replace(/^<p>|<\/p>$/g, '');
}
