import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { bidiRuns } from './bidi-runs.ts';

export interface RehypeIsolateBidiOptions {
  /** Direction of the surrounding text; runs of the other direction are isolated. Default `'ltr'`. */
  dir?: 'ltr' | 'rtl';
}

/** Wraps opposite-direction runs of text (Latin inside Arabic and vice versa) in `<bdi lang>` (bidi-runs.ts). Skips `code`, `pre` and existing `bdi`. */
export default function rehypeIsolateBidi(options: RehypeIsolateBidiOptions = {}) {
  const dir = options.dir ?? 'ltr';
  return (tree: Root) => {
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (parent.type === 'element' && ['code', 'pre', 'bdi', 'script', 'style'].includes((parent as Element).tagName)) return;
      const runs = bidiRuns(node.value, dir);
      if (!runs.some((r) => r.isolate)) return;
      const replacement: ElementContent[] = runs.map((r) =>
        r.isolate ? { type: 'element', tagName: 'bdi', properties: { lang: r.lang }, children: [{ type: 'text', value: r.text }] } : { type: 'text', value: r.text },
      );
      parent.children.splice(index, 1, ...replacement);
      return index + replacement.length;
    });
  };
}
