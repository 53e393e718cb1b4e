/**
 * parseCaseMarkdown parses the inside of each top-level `:::` block on its own; it must give the very tree (positions
 * and attribute places included) the whole-file parse gives, on every case file we have, on files built to trip a
 * line scan, and on generated ones. `TAHQIQ_PROPERTY_RUNS` sets the generated count (as in properties.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseParser, parseCaseMarkdown, topLevelBlocks } from '../src/core/parse-case-markdown.ts';
import { caseFile } from '../bench/synthetic.ts';

const RUNS = Number(process.env['TAHQIQ_PROPERTY_RUNS'] ?? 300);
const root = path.resolve(import.meta.dirname, '..');

/** Every case file under a folder (fixtures and content), but the one built to be too deep for a parser's stack. */
function caseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.includes('blocks-nested-too-deep'))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

const expectSameTree = (markdown: string) => expect(parseCaseMarkdown(markdown)).toStrictEqual(caseParser.parse(markdown));

describe('parsing a case file block by block', () => {
  const files = [...caseFiles(path.join(root, 'tests/fixtures')), ...caseFiles(path.join(root, 'content'))];

  it.each(files.map((file) => [path.relative(root, file), file]))('gives the whole-file tree for %s', (_, file) => {
    expectSameTree(readFileSync(file, 'utf8'));
  });

  it('takes the block-by-block path for the seed case and a synthetic case', () => {
    for (const markdown of [readFileSync(path.join(root, 'content/cases/dumayr-raid.md'), 'utf8'), caseFile(6, 'seeds/bench/x.txt', Array.from({ length: 15 }, (_, k) => `جملة مقتبسة رقم ${k + 1}`))]) {
      expect(topLevelBlocks(markdown)?.blocks.length).toBeGreaterThan(5);
      expectSameTree(markdown);
    }
  });

  const frontmatter = '---\ntitle: "T"\nlang: en\n---\n';
  const claim = (inside: string, open = ':::claim[A claim]{#c status=confirmed}') => `${open}\n${inside}:::\n`;
  const tricky: Record<string, string> = {
    'a code fence left open inside a block': claim('> quote\n\n```js\ncode\n'),
    'a code fence at the top level around a block': '```\n' + claim('> quote\n') + '```\n',
    'an HTML comment around a block': '<!--\n' + claim('> quote\n') + '-->\n',
    'an HTML block left open inside a block': claim('<div>\ntext\n'),
    'a paragraph straight before a block': 'Some text\n' + claim('> quote\n'),
    'a blockquote straight before a block (lazy line)': '> quoted\n' + claim('> quote\n'),
    'a list straight before a block': '- item\n' + claim('> quote\n'),
    'a setext underline first inside a block': claim('---\n\ntext\n===\n'),
    'indented code first inside a block': claim('    code\n\ntext\n'),
    'tabs and a lazy blockquote inside a block': claim('>\tquote\nlazy line\n\n\t- item\n'),
    'a block left empty': claim(''),
    'a block with blank lines only': claim('\n\n'),
    'a closing fence with text after it': claim('> quote\n', ':::claim[x]') + '::: trailing\n',
    'a closing fence with spaces after it': ':::claim[x]\n> quote\n:::   \n',
    'a lone carriage return inside a block (a line break to micromark, not to a line scan)': claim('> quote\rmore\r\rtext\n'),
    'a lone carriage return before a block': 'text\rmore\r\n' + claim('> quote\n') + claim('> again\n'),
    'Windows line endings': (frontmatter + claim('> quote\n\n::supports[quote]{by=x}\n\nWhy.\n')).replace(/\n/g, '\r\n'),
    'a block never closed': frontmatter + ':::claim[x]\n> quote\n',
    'a block inside a block': claim(':::note\ninside\n:::\n'),
    'two fences with more colons': '::::claim[x]\n> q\n::::\n',
    'a fence indented by a space': ' :::claim[x]\n > q\n :::\n',
    'a link reference used before its definition': claim('[ref] and [other][ref]\n') + '\n[ref]: https://example.org\n',
    'a frontmatter fence first inside a block': claim('---\ntitle: x\n---\n'),
    'text after the last block': claim('> q\n') + '\nstray text\n',
    'an opening line micromark does not take for a fence': claim('> q\n', ':::claim[a label never closed'),
    'frontmatter left open before a block, closed inside it': '---\n' + claim('---\n'),
    'a byte order mark first inside a block (micromark drops one that starts a document)': claim('\uFEFFtext\n'),
    // Found by a reviewer: insides parsed together, as one document, carried micromark's state from one to the next.
    'indented code ending a block, a list that cannot interrupt a paragraph starting the next': ':::a\n    code\n:::\n\n:::b\n2. a\n:::\n',
    'indented code ending a block, an empty list item starting the next': ':::a\n\tcode\n:::\n\n:::b\n-\n:::\n',
    'an empty list item ending a block, indented code starting the next': ':::a\n-\n:::\n\n:::b\n    a\n    b\n:::\n',
  };
  it('gives the whole-file tree for 150 blocks, with a code fence left open in one of them', () => {
    const blocks = (n: number, open?: number) => Array.from({ length: n }, (_, k) => claim(`> quote ${k}\n\n::supports[quote ${k}]{by=x}\n\n${k === open ? '```\ncode\n' : 'Why.\n'}`, `:::claim[Claim ${k}]{#c${k} status=confirmed}`)).join('\n');
    for (const markdown of [blocks(150), blocks(150, 63), blocks(150, 64)]) {
      expect(topLevelBlocks(frontmatter + markdown)?.blocks.length).toBe(150);
      expectSameTree(frontmatter + markdown);
    }
  });

  it.each(Object.entries(tricky))('gives the whole-file tree for %s', (_, markdown) => {
    expectSameTree(markdown);
    expectSameTree(frontmatter + markdown);
  });

  // Lines that open, continue or close markdown constructs, to be shuffled into and around blocks.
  const LINE = fc.constantFrom(
    '', '', 'text', 'نص عربي', '> quote', '>', '- item', '-', '1. item', '2. item', '  continued', '    indented', '\tcode', '```', '~~~',
    '<div>', '</div>', '<!--', '-->', '---', '===', '# heading', '***', '::supports[text]{by=x}', '::leaf', ':::',
    ':::claim[x]{#a status=confirmed}', ':::note', 'a [link](https://example.org)', '[ref]', '[ref]: /x', '*emphasis', '`code', 'lone\rreturn',
  );
  const BLOCK = fc.array(LINE, { maxLength: 6 }).map((inside) => [':::claim[A claim]{#c status=disputed}', ...inside, ':::']);
  const FILE = fc.tuple(fc.boolean(), fc.array(fc.oneof(BLOCK, fc.array(LINE, { maxLength: 3 })), { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
    .map(([withFrontmatter, parts, eol]) => (withFrontmatter ? frontmatter : '') + parts.flat().join(eol) + eol);

  it('gives the whole-file tree for generated files', () => {
    fc.assert(fc.property(FILE, (markdown) => {
      expect(parseCaseMarkdown(markdown)).toStrictEqual(caseParser.parse(markdown));
    }), { numRuns: RUNS });
  });
});
