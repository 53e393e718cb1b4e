import type { Position } from 'unist';
import { directiveFromMarkdown } from 'mdast-util-directive';
import type { CompileContext, Extension as FromMarkdownExtension, Handle, Token } from 'mdast-util-from-markdown';
import { directive } from 'micromark-extension-directive';
import type { Processor } from 'unified';

/** One attribute as written, in order, duplicates included (`node.attributes` keeps only the last). */
export interface WrittenAttribute {
  name: string;
  position: Position;
}

/**
 * remark-directive's parsing (we never write markdown back), plus the position of every attribute
 * (`node.data.position.attributes`), so errors can point at `status=…` itself, and the list of
 * attributes as written (`node.data.writtenAttributes`), so an attribute given twice is reported
 * instead of the last one silently winning.
 * Parsing only: meaning is given by interpret-case.ts.
 */
export default function remarkDirectivePositions(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(directive());
  (data.fromMarkdownExtensions ??= []).push(withWrittenAttributes(directiveFromMarkdown({ verbose: true })));
}

function withWrittenAttributes(base: FromMarkdownExtension): FromMarkdownExtension {
  const exit: Record<string, Handle> = { ...(base.exit as Record<string, Handle>) };
  let written: WrittenAttribute[] = [];
  const place = (token: Token): Position => ({
    start: { line: token.start.line, column: token.start.column, offset: token.start.offset },
    end: { line: token.end.line, column: token.end.column, offset: token.end.offset },
  });
  for (const kind of ['Container', 'Leaf', 'Text']) {
    const record = (name: (context: CompileContext, token: Token) => string, type: string) => {
      const original = exit[type];
      exit[type] = function (this: CompileContext, token: Token) {
        written.push({ name: name(this, token), position: place(token) });
        original?.call(this, token);
      };
    };
    record((context, token) => context.sliceSerialize(token), `directive${kind}AttributeName`);
    record(() => 'id', `directive${kind}AttributeId`);
    const attributesEnd = exit[`directive${kind}Attributes`];
    exit[`directive${kind}Attributes`] = function (this: CompileContext, token: Token) {
      attributesEnd?.call(this, token);
      const node = this.stack[this.stack.length - 1] as { data?: Record<string, unknown> } | undefined;
      if (node) (node.data ??= {})['writtenAttributes'] = written;
      written = [];
    };
  }
  return { ...base, exit };
}
