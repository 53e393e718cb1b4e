/**
 * parsePlainMarkdown reads the plain markdown of a block's inside without micromark: whatever it reads must be the very
 * nodes micromark gives (positions, directive attribute places and written attributes included), and it must read
 * what case files hold, or the parser gains nothing. Generated text mixes that plain markdown with every character
 * that could mean more. `TAHQIQ_PROPERTY_RUNS` sets the generated count (ten times it here: a run is cheap).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { caseFile } from '../bench/synthetic.ts';
import { caseParser, parseCaseMarkdown, topLevelBlocks } from '../src/core/parse-case-markdown.ts';
import { parsePlainCase } from '../src/core/plain-case.ts';
import { parsePlainMarkdown } from '../src/core/plain-markdown.ts';
import remarkDirectivePositions from '../src/core/remark-directive-positions.ts';

const RUNS = Number(process.env['TAHQIQ_PROPERTY_RUNS'] ?? 300) * 10;
const root = path.resolve(import.meta.dirname, '..');
const micromark = unified().use(remarkParse).use(remarkDirectivePositions);

/** What micromark gives for this text as a document of its own, starting at line 1, offset 0. */
const parsed = (text: string) => (micromark.parse(text) as Root).children;
const read = (text: string) => parsePlainMarkdown(text, { line: 1, offset: 0 });

/** The insides of a case file's top-level blocks, as parseCaseMarkdown hands them over. */
function insides(markdown: string): string[] {
  const scan = topLevelBlocks(markdown)!;
  return scan.blocks.map(({ open, close }) => scan.lines.slice(open + 1, close).join('\n'));
}

describe('reading plain markdown without micromark', () => {
  const accepted: Record<string, string> = {
    'a quote, evidence and reasoning': '> الجنوبية لسوريا المعروفة باسم البادية،\n\n::supports[الجنوبية لسوريا]{by="مصدر رقم 1"}\n::contradicts[قال]{by="مصدر" #e2 weight=2 hidden}\n\nيستند هذا **الحكم** إلى [ادعاء آخر](#claim-2) من الملف.',
    'a quote over three lines': '> السطر الأول\n> السطر **الثاني**\n> والثالث (بين قوسين): نعم!',
    'a paragraph over two lines with a link at a line start': 'The first line,\n[a link](https://example.org/a_b?x=1#y) ends it.',
    'strong emphasis after punctuation and before punctuation': '«**قوي**»، و(**strong**).',
    'emphasis with one star and with underscores': 'a *word* here, _another_ and __strong__; «*مائل*».',
    'a directive without attributes, with empty ones, and without a label': '::supports[quote]\n::supports[quote]{}\n::supports[quote]{ by=x  }\n::supports{by=x}\n::note',
    'colons, exclamation marks and brackets that stay text': 'At ten: thirty! See: (this) and https://example.org ~ | # = {x}',
    'two blocks after blank lines': 'First.\n\n\n> Quote.\n\nLast.',
    'a list': 'Intro:\n\n- **مؤكد**: تدعمه مصادر.\n- [Unconfirmed](#u) one source\n\nAfter.\n\n- Again',
    'headings': '# عن **هذا** الملف\n\n###### [Six](#six) levels\n\nText.',
    'lines that start with emphasis': '**الحكم:** مؤكد.\n**Why** it holds.\n*Italic* too\n_and_ __this__.\n\n> **قال** المسؤول',
  };
  it.each(Object.entries(accepted))('reads %s as micromark does', (_, text) => {
    expect(read(text)).toStrictEqual(parsed(text));
  });

  const refused: Record<string, string> = {
    'emphasis inside a word': 'a*b*c and snake_case_name',
    'emphasis around strong': '***a***',
    'emphasis closed by strong': '*a**',
    'strong emphasis inside a word': 'a**b**c',
    'strong emphasis around a link': '**[a](b)**',
    'a reference link': '[a][b]',
    'a shortcut reference': '[a] b',
    'an image': '![a](b.png)',
    'a link with a title': '[a](b "t")',
    'a link destination in angle brackets': '[a](<b c>)',
    'code': 'a `b` c',
    'an escape': 'a \\* b',
    'a character reference': 'a &amp; b',
    'raw HTML': 'a <b>c</b>',
    'a text directive': 'a :abbr[b] c',
    'a hard line break': 'a  \nb',
    'a heading with a closing sequence': '## a ##',
    'a heading followed straight by a paragraph': '## a\nb',
    'seven number signs': '####### a',
    'a list item of two lines': '- a\nb',
    'a list with a blank line between items': '- a\n\n- b',
    'a list with another marker': '* a\n* b',
    'a list inside a list': '- a\n- - b',
    'an ordered list': '1. a',
    'a thematic break': '***',
    'thematic breaks of underscores and spaced stars': '___\n\n* * *\n\n_ _ _',
    'a setext underline': 'a\n===',
    'indented code': '    a',
    'a lazy blockquote line': '> a\nb',
    'a blockquote without a space': '>a',
    'an empty blockquote line': '> a\n>\n> b',
    'a paragraph straight before a directive': 'a\n::supports[b]{by=x}',
    'a directive straight before a paragraph': '::supports[b]{by=x}\na',
    'a directive with a class': '::supports[b]{.c}',
    'a directive with an attribute given twice': '::supports[b]{by=x by=y}',
    'a directive with a character reference in a value': '::supports[b]{by="&amp;"}',
    'a directive with single quotes': "::supports[b]{by='x'}",
    'a directive with text after it': '::supports[b]{by=x} more',
    'a directive with brackets in its label': '::supports[a [b] c]{by=x}',
    'a tab': 'a\tb',
    'a carriage return': 'a\r\nb',
  };
  it.each(Object.entries(refused))('leaves %s to micromark', (_, text) => {
    expect(read(text)).toBeUndefined();
  });

  it('reads the insides of the seed case and of a synthetic case (all but the seed\'s mangled tag and its code)', () => {
    const seed = insides(readFileSync(path.join(root, 'content/cases/dumayr-raid.md'), 'utf8'));
    const synthetic = insides(caseFile(6, 'seeds/bench/x.txt', Array.from({ length: 15 }, (_, k) => `جملة مقتبسة رقم ${k + 1}`)));
    for (const text of [...seed, ...synthetic]) {
      const nodes = read(text);
      if (nodes) expect(nodes).toStrictEqual(parsed(text));
    }
    expect(seed.filter((text) => read(text) === undefined)).toHaveLength(1);
    // Around its blocks the seed case is plain too: only that one block's inside is left to micromark.
    const markdown = readFileSync(path.join(root, 'content/cases/dumayr-raid.md'), 'utf8');
    const scan = topLevelBlocks(markdown)!;
    const starts = scan.lines.map((_, i) => scan.lines.slice(0, i).reduce((n, line) => n + line.length + 1, 0));
    expect(parsePlainCase(markdown, scan.lines, starts, scan.blocks)?.blocks.filter((block) => !block.read)).toHaveLength(1);
    expect(parseCaseMarkdown(markdown)).toStrictEqual(caseParser.parse(markdown));
    expect(synthetic.every((text) => read(text) !== undefined)).toBe(true);
  });

  it('gives its places from the line and offset the text starts at', () => {
    const text = '> a **b**\n\n::supports[c]{by=d}';
    const moved = parsePlainMarkdown(text, { line: 7, offset: 120 });
    // micromark's nodes for the text alone, every point six lines and 120 characters further on.
    expect(JSON.stringify(moved)).toBe(JSON.stringify(parsed(text), (key, value: unknown) => (key === 'line' ? (value as number) + 6 : key === 'offset' ? (value as number) + 120 : value)));
  });

  // Words and marks, with every character that could open something, to be put together into lines.
  const WORD = fc.constantFrom('نص', 'عربي', 'text', 'word', 'a1', '19', '،', '.', ',', '!', '?', ':', '(', ')', '«', '»', '"', "'", '-', '—', '#', '~', '|', '=', '{', '}', '/', '%', '😀', '؟', '؛', '١٩', 'ـ', '\u200F', '٪', '“', '”');
  /** Words that open nothing wherever they stand. */
  const PLAIN_WORD = fc.constantFrom('نص', 'عربي', 'text', 'word', 'a1', '١٩', '،', '.', '«', '»', '(', ')', '!', '؟', '“', '”');
  const MARK = fc.constantFrom('*', '**', '***', '_', '__', '[', ']', '](', '`', '\\', '&amp;', '<', '>', '![', ':x', '::', '\t', '  ');
  /** Inline text, with characters that could open something `marks` times in 35. */
  const phraseOf = (marks: number) => {
    const inline = fc.oneof(
      { weight: 30, arbitrary: marks ? WORD : PLAIN_WORD },
      { weight: marks, arbitrary: MARK },
      { weight: 4, arbitrary: fc.tuple(marks ? WORD : PLAIN_WORD, WORD, fc.constantFrom('**', '*', '_', '__')).map(([a, b, m]) => `${m}${a}${b}${m}`) },
      { weight: 4, arbitrary: fc.tuple(WORD, marks ? fc.constantFrom('#claim-2', 'https://example.org/a_b', '/x.png', 'a(b)', '') : fc.constantFrom('#claim-2', 'https://example.org/a_b')).map(([a, url]) => `[${a}](${url})`) },
    );
    return fc.tuple(fc.array(fc.tuple(inline, fc.constantFrom('', ' ', ' ', ' ', marks ? '  ' : ' ')), { minLength: 1, maxLength: 8 }), fc.boolean())
      .map(([parts, trailing]) => { const phrase = parts.map(([w, s]) => w + s).join(''); return trailing && marks ? phrase : phrase.trimEnd() || 'x'; });
  };
  const PHRASE = phraseOf(1);
  const ATTRIBUTE = fc.constantFrom('by="مصدر رقم 1"', 'by=x', '#id', '#a.b', '.c', 'hidden', 'a = b', "q='x'", 'v="&amp;"', 'by=y', 'x:y=1', '');
  /** Lines of text, blockquotes, leaf directives; with `marks`, also lines that start something else. */
  const lineOf = (marks: number) => fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: phraseOf(marks) },
    { weight: 3, arbitrary: phraseOf(marks).map((p) => `> ${p}`) },
    { weight: marks, arbitrary: fc.tuple(fc.constantFrom('>', '>  ', ' ', '    ', '- ', '- ', '- ', '-', '* ', '** ', '_ ', '__', '1. ', '# ', '## ', '####### ', '#', ':'), PHRASE).map(([lead, p]) => lead + p) },
    { weight: 3, arbitrary: fc.tuple(marks ? fc.constantFrom('supports', 'contradicts', 'x-y', 'x-') : fc.constantFrom('supports', 'x-y'), phraseOf(marks), marks ? fc.array(ATTRIBUTE, { maxLength: 3 }) : fc.shuffledSubarray(['by="مصدر رقم 1"', '#id', 'hidden']), fc.boolean()).map(([name, label, attrs, braces]) => `::${name}[${label}]${braces || attrs.length ? `{${attrs.join(' ')}}` : ''}`) },
  );
  const LINE = lineOf(1);
  const TEXT = fc.array(LINE, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));

  it('reads generated text as micromark does, whenever it reads it', () => {
    let readCount = 0;
    fc.assert(fc.property(TEXT, (text) => {
      const nodes = read(text);
      if (nodes) {
        readCount++;
        expect(nodes).toStrictEqual(parsed(text));
      }
    }), { numRuns: RUNS });
    // Not a vacuous property: a good share of what it is given is plain enough to read.
    expect(readCount).toBeGreaterThan(RUNS / 20);
  });

  // Whole case files of plain parts, with the fences, frontmatter and blank lines a file may get wrong.
  const FENCE = fc.tuple(fc.constantFrom('claim', 'note', 'x-y'), fc.option(fc.constantFrom('ادعاء رقم 1', 'A **claim** here', 'x', '«قال» المسؤول: نعم', 'a [b](#c)', 'a *b*', '')), fc.tuple(fc.shuffledSubarray(['#c', 'status=confirmed', 'by="x y"', 'hidden']), fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: ATTRIBUTE })).map(([good, odd]) => (odd === null ? good : [...good, odd])), fc.boolean())
    .map(([name, label, attrs, braces]) => `:::${name}${label === null ? '' : `[${label}]`}${braces || attrs.length ? `{${attrs.join(' ')}}` : ''}`);
  const MOSTLY_PLAIN = fc.oneof({ weight: 29, arbitrary: lineOf(0) }, { weight: 1, arbitrary: LINE });
  /** Lines, mostly with a blank line between them (as blocks are written), sometimes without. */
  const paragraphs = (line: fc.Arbitrary<string>) => fc.tuple(fc.array(line, { maxLength: 4 }), fc.nat(9)).map(([lines, n]) => lines.join(n === 0 ? '\n' : '\n\n'));
  const BLOCK = fc.tuple(FENCE, paragraphs(MOSTLY_PLAIN), fc.oneof({ weight: 20, arbitrary: fc.constant(':::') }, { weight: 1, arbitrary: fc.constantFrom('::: ', ':::x') }))
    .map(([open, inside, close]) => (inside ? [open, inside, close] : [open, close]).join('\n'));
  const OUTSIDE = paragraphs(fc.oneof({ weight: 4, arbitrary: MOSTLY_PLAIN }, { weight: 1, arbitrary: fc.constantFrom('## عن هذا الملف', '- **مؤكد**: نص', '# x #', '---') }));
  const FRONTMATTER = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('', '---\ntitle: "T"\nlang: ar\n---\n', '---\n---\n') },
    { weight: 1, arbitrary: fc.constantFrom('---\ntitle: x\n--- \n---\n', '---\ntitle: x\n', '--- \ntitle: x\n---\n') },
  );
  const FILE = fc.tuple(FRONTMATTER, fc.array(fc.tuple(OUTSIDE, BLOCK, fc.nat(9)), { minLength: 1, maxLength: 4 }), OUTSIDE, fc.constantFrom('\n', ''))
    .map(([front, parts, tail, end]) => front + parts.map(([outside, block, n]) => (outside ? outside + (n === 0 ? '\n' : '\n\n') : '') + block).join('\n\n') + (tail ? `\n\n${tail}` : '') + end);

  it('reads generated case files whole as micromark does, whenever it reads them', () => {
    let readCount = 0;
    fc.assert(fc.property(FILE, (markdown) => {
      const scan = topLevelBlocks(markdown);
      const starts = scan ? scan.lines.map((_, i) => scan.lines.slice(0, i).reduce((n, line) => n + line.length + 1, 0)) : [];
      const read = scan && scan.blocks.length > 0 ? parsePlainCase(markdown, scan.lines, starts, scan.blocks) : undefined;
      if (read?.blocks.every((block) => block.read)) {
        readCount++;
        expect(read.root).toStrictEqual(caseParser.parse(markdown));
      }
      expect(parseCaseMarkdown(markdown)).toStrictEqual(caseParser.parse(markdown));
    }), { numRuns: RUNS / 5 });
    // Not vacuous: a few percent of these files are plain throughout (most hold something it leaves to micromark).
    expect(readCount).toBeGreaterThan(RUNS / 1000);
  });
});
