import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import { bidiPieces } from './bidi-runs.ts';

export interface RehypeIsolateBidiOptions {
  /** Direction of the surrounding text; runs of the other direction are isolated. Default `'ltr'`. */
  dir?: 'ltr' | 'rtl';
}

/** Elements whose text is never touched: code, and what is already isolated. They break a run. */
const OPAQUE = new Set(['code', 'pre', 'bdi', 'script', 'style', 'kbd', 'samp']);
/** Inline elements: their text is part of the paragraph around them, for the bidi algorithm as for us. */
const INLINE = new Set(['a', 'abbr', 'b', 'cite', 'del', 'dfn', 'em', 'i', 'ins', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'time', 'data', 'br']);
/** Stands for an opaque element or a nested block in a paragraph's text: a neutral that ends any run. */
const BREAK = '\uFFFC';

/** A paragraph's text as parts: its text nodes, and a break for each opaque element or nested block. */
function paragraphParts(block: Parents): (Text | typeof BREAK)[] {
  const parts: (Text | typeof BREAK)[] = [];
  const walk = (parent: Parents) => {
    for (const child of parent.children) {
      if (child.type === 'text') parts.push(child);
      else if (child.type === 'element') {
        if (INLINE.has(child.tagName)) walk(child);
        else parts.push(BREAK);
      }
    }
  };
  walk(block);
  return parts;
}

/**
 * Wraps opposite-direction runs of text (Latin inside Arabic and vice versa) in `<bdi lang>` (bidi-runs.ts), worked out
 * over each paragraph's whole text, not one text node at a time. A run cut by an inline element's edge
 * (`[Airwars](…) report`, `**Humvees** with`) is left unisolated, each piece in a `<span lang>`: isolated apart, its
 * pieces would be laid out in the paragraph's direction and read backwards; together, the bidi algorithm keeps them
 * in order. Skips `code`, `pre` and existing `bdi`.
 */
export default function rehypeIsolateBidi(options: RehypeIsolateBidiOptions = {}) {
  const dir = options.dir ?? 'ltr';
  return (tree: Root) => {
    const replacements = new Map<Text, ElementContent[]>();
    const blocks: Parents[] = [tree];
    while (blocks.length > 0) {
      const block = blocks.pop()!;
      for (const child of block.children) {
        if (child.type === 'element' && !OPAQUE.has(child.tagName)) {
          // Blocks inside inline elements are rare (markdown does not make them); a nested block is its own paragraph.
          if (!INLINE.has(child.tagName)) blocks.push(child);
          else collectBlocks(child, blocks);
        }
      }
      isolate(block, dir, replacements);
    }
    if (replacements.size === 0) return;
    const replace = (parent: Parents) => {
      const children: (typeof parent.children)[number][] = [];
      for (const child of parent.children) children.push(...(child.type === 'text' ? (replacements.get(child) ?? [child]) : [child]));
      parent.children = children as typeof parent.children;
      for (const child of parent.children) if (child.type === 'element' && child.tagName !== 'bdi') replace(child);
    };
    replace(tree);
  };
}

/** Blocks nested in an inline element, each its own paragraph. */
function collectBlocks(inline: Element, blocks: Parents[]): void {
  for (const child of inline.children) {
    if (child.type !== 'element' || OPAQUE.has(child.tagName)) continue;
    if (INLINE.has(child.tagName)) collectBlocks(child, blocks);
    else blocks.push(child);
  }
}

function isolate(block: Parents, dir: 'ltr' | 'rtl', replacements: Map<Text, ElementContent[]>): void {
  const parts = paragraphParts(block);
  if (parts.length === 0) return;
  const pieces = bidiPieces(parts.map((p) => (p === BREAK ? BREAK : p.value)), dir);
  parts.forEach((part, i) => {
    if (part === BREAK || !pieces[i]!.some((p) => p.lang)) return;
    replacements.set(part, pieces[i]!.map((p): ElementContent => (p.lang
      ? { type: 'element', tagName: p.whole ? 'bdi' : 'span', properties: { lang: p.lang }, children: [{ type: 'text', value: p.text }] }
      : { type: 'text', value: p.text })));
  });
}
