import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Processor } from 'unified';

/**
 * remark-directive's parsing (we never write markdown back), plus the position of every attribute
 * (`node.data.position.attributes`), so errors can point at `status=…` itself.
 * Parsing only: meaning is given by interpret-case.ts.
 */
export default function remarkDirectivePositions(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(directive());
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown({ verbose: true }));
}
