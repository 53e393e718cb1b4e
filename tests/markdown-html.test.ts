import type { Definition, Paragraph, Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { eachNode } from '../src/core/each-node.ts';
import { markdownToHtml, phrasingToHtml } from '../src/core/markdown-html.ts';
import { parseCaseMarkdown } from '../src/core/parse-case-markdown.ts';
import rehypeIsolateBidi from '../src/core/rehype-isolate-bidi.ts';

/** The file's link reference definitions, in document order, as interpret-case.ts collects them. */
function definitionsOf(root: Root): Definition[] {
  const found: Definition[] = [];
  eachNode(root, (node) => {
    if (node.type === 'definition') found.push(node);
  });
  return found;
}

const reasoning = [
  'يستند الحكم إلى **بيان** الوزارة و*تقرير* [الوكالة](https://example.org/a "عنوان") وإلى [المرجع] و[نص آخر][المرجع].',
  '',
  '> اقتباس من Reuters في سطر ![صورة](https://example.org/i.png)',
  '',
  '- بند أول مع `code`',
  '- بند ثانٍ  ',
  '  بسطر جديد',
  '',
  '1. مرقم',
  '',
  '```',
  'كتلة شيفرة',
  '```',
  '',
  '---',
  '',
  '# عنوان',
].join('\n');

describe('markdownToHtml', () => {
  it('renders every kind of block and inline markdown as remark-rehype does on its own', () => {
    const root = parseCaseMarkdown(`${reasoning}\n\n[المرجع]: https://example.org/ref\n`);
    for (const dir of ['rtl', 'ltr'] as const) {
      const plain = unified().use(remarkRehype).use(rehypeIsolateBidi, { dir }).use(rehypeStringify);
      const expected = plain.stringify(plain.runSync({ type: 'root', children: [...root.children] }) as never).trim();
      expect(markdownToHtml(root.children, dir, definitionsOf(root))).toBe(expected);
    }
  });

  it('resolves references with the definitions given, wherever they stand in the file', () => {
    const root = parseCaseMarkdown('[المرجع] هنا.\n\n[المرجع]: https://example.org/ref\n');
    const [paragraph] = root.children;
    expect(markdownToHtml([paragraph!], 'rtl', definitionsOf(root))).toBe('<p><a href="https://example.org/ref">المرجع</a> هنا.</p>');
    expect(phrasingToHtml((paragraph as Paragraph).children, 'rtl', definitionsOf(root))).toBe('<a href="https://example.org/ref">المرجع</a> هنا.');
  });

  it('gives a label defined twice its first definition in the file, as CommonMark does, even when the second stands in the rendered part', () => {
    const root = parseCaseMarkdown('[ref]: https://example.org/first\n\n:::claim[x]\nSee [ref].\n\n[ref]: https://example.org/second\n:::\n');
    const block = root.children.find((n) => n.type === 'containerDirective') as { children: Root['children'] };
    // The block's children after its label (`[x]`), as read-claim.ts renders a claim's reasoning.
    expect(markdownToHtml(block.children.slice(1), 'ltr', definitionsOf(root))).toBe('<p>See <a href="https://example.org/first">ref</a>.</p>');
  });
});
