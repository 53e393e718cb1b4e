import type { Blockquote, Definition, Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CLAIM_ATTRIBUTE_NAMES, claimAttributesSchema, type ClaimAttributes } from '../schemas/claim.ts';
import { caseFrontmatterSchema, sourceSchema, type CaseFrontmatter } from '../schemas/frontmatter.ts';
import { STATUSES } from '../schemas/status.ts';
import { directionOf } from './direction.ts';
import { markdownToHtml, phrasingToHtml } from './markdown-html.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import remarkDirectivePositions from './remark-directive-positions.ts';

/** A claim as written in the case file, before its quote is looked up. */
export interface WrittenClaim {
  attributes: ClaimAttributes;
  /** The claim statement (directive label), as HTML and as plain text. */
  labelHtml: string;
  labelText: string;
  /** The quote as typed (blockquote text). */
  quote: string;
  quotePlace: Point;
  /** Where `occurrence=` is written (the claim's place when absent). */
  occurrencePlace: Point;
  reasoningHtml: string;
  place: Point;
}

/** A case file read and checked for form; quotes not yet anchored. */
export interface WrittenCase {
  frontmatter: CaseFrontmatter;
  frontmatterPlace: Point;
  /** Where `source.document` is written, for source errors. */
  documentPlace: Point;
  notesHtml: string;
  /** Claims that passed every check of form. */
  claims: WrittenClaim[];
  /** How many `:::claim` blocks the file has, valid or not. */
  claimBlocks: number;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirectivePositions);

function start(position: Position | undefined): Point {
  return { line: position?.start.line ?? 1, column: position?.start.column ?? 1 };
}

function offsetToPoint(text: string, offset: number, base: Point): Point {
  const before = text.slice(0, offset).split('\n');
  const line = base.line + before.length - 1;
  const column = before.length === 1 ? base.column + offset : before[before.length - 1]!.length + 1;
  return { line, column };
}

/** Levenshtein distance, for "did you mean" on statuses and attribute names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function closest(value: string, options: readonly string[]): string | undefined {
  const best = [...options].sort((x, y) => distance(value, x) - distance(value, y))[0];
  return best !== undefined && distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** zod's wording without its prefixes ("Invalid input: ", "Too small: "), lower-cased to follow "Unexpected `x`, ". */
function plainMessage(message: string): string {
  const text = message.replace(/^(Invalid input|Too small|Too big|Invalid string|Invalid option): /i, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function list(options: readonly string[]): string {
  return options.map((o) => `\`${o}\``).join(', ');
}

/** Reads the YAML frontmatter and checks it against the schema, pointing at the offending key. */
function readFrontmatter(root: Root, file: string, problems: ProblemList): { data?: CaseFrontmatter; place: Point; documentPlace?: Point } {
  const node = root.children[0];
  if (node?.type !== 'yaml') {
    problems.add('frontmatterMissing', file, { line: 1, column: 1 }, 'Unexpected start of case file, expected frontmatter opening with `---`');
    return { place: { line: 1, column: 1 } };
  }
  const base: Point = { line: (node.position?.start.line ?? 1) + 1, column: 1 };
  const doc: Document = parseDocument(node.value, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.add('frontmatterSyntax', file, offsetToPoint(node.value, error.pos[0], base), `Invalid YAML in frontmatter: ${error.message.split('\n')[0]}`);
    }
    return { place: base };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    problems.add('frontmatterSyntax', file, base, `Invalid YAML in frontmatter: ${error instanceof Error ? error.message : String(error)}`);
    return { place: base };
  }
  const result = caseFrontmatterSchema.safeParse(data);
  if (result.success) return { data: result.data, place: base, documentPlace: keyPlace(doc, node.value, ['source', 'document'], base) };
  for (const issue of result.error.issues) {
    problems.add('frontmatterField', file, frontmatterPlace(doc, node.value, issue, base), frontmatterMessage(doc, issue));
  }
  return { place: base };
}

function frontmatterPlace(doc: Document, yamlText: string, issue: z.core.$ZodIssue, base: Point): Point {
  const path = issue.path as (string | number)[];
  return keyPlace(doc, yamlText, issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path, base);
}

/** Place of a YAML key, or of its nearest existing parent key, or the frontmatter start. */
function keyPlace(doc: Document, yamlText: string, path: (string | number)[], base: Point): Point {
  for (let p = path; p.length > 0; p = p.slice(0, -1)) {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === String(p[p.length - 1]));
      const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
      if (range) return offsetToPoint(yamlText, range[0], base);
    }
  }
  return base;
}

function frontmatterMessage(doc: Document, issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return `Unexpected frontmatter \`${excerpt(JSON.stringify(doc.toJS()), 40)}\`, expected fields such as \`title: …\` on their own lines`;
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(field === 'source' ? sourceSchema.shape : caseFrontmatterSchema.shape);
    return issue.keys
      .map((k) => {
        const guess = closest(k, allowed);
        return `Unexpected frontmatter field \`${field ? `${field}.` : ''}${k}\`, expected one of ${list(allowed)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`;
      })
      .join('; ');
  }
  const value = doc.getIn(issue.path as (string | number)[]);
  if (value === undefined) return `Missing frontmatter field \`${field}\``;
  return `Unexpected \`${field}: ${excerpt(String(value instanceof Date ? value.toISOString().slice(0, 10) : value), 40)}\`, ${plainMessage(issue.message)}`;
}

function attributePlace(node: ContainerDirective, name: string): Point {
  const positions = (node.data as { position?: { attributes?: Record<string, Position | undefined> } } | undefined)?.position?.attributes;
  return start(positions?.[name] ?? node.position);
}

/** Checks a claim directive's attributes, reporting each problem at the attribute itself. */
function readClaimAttributes(node: ContainerDirective, file: string, problems: ProblemList): ClaimAttributes | undefined {
  const raw = { ...(node.attributes ?? {}) };
  let ok = true;
  for (const name of Object.keys(raw)) {
    if ((CLAIM_ATTRIBUTE_NAMES as string[]).includes(name)) continue;
    ok = false;
    const shown = name === 'class' ? `.${raw[name]}` : name;
    const guess = closest(name, CLAIM_ATTRIBUTE_NAMES);
    problems.add('unknownAttribute', file, attributePlace(node, name),
      `Unexpected attribute \`${shown}\` on claim, expected ${list(CLAIM_ATTRIBUTE_NAMES.map((n) => (n === 'id' ? '#id' : n)))}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
    delete raw[name];
  }
  const result = claimAttributesSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      const value = raw[name];
      const place = attributePlace(node, name);
      if (name === 'id') {
        if (value == null || value === '') problems.add('missingId', file, place, 'Missing claim id, expected `#some-id` in the braces');
        else problems.add('invalidId', file, place, `Unexpected id \`#${value}\`, ${plainMessage(issue.message)}`);
      } else if (name === 'status') {
        if (value == null) problems.add('invalidStatus', file, place, `Missing \`status\`, expected one of ${list(STATUSES)}`);
        else {
          const guess = closest(value, STATUSES);
          problems.add('invalidStatus', file, place, `Unexpected status \`${value}\`, expected one of ${list(STATUSES)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
        }
      } else if (name === 'claimant') {
        problems.add('missingClaimant', file, place, 'Missing `claimant`, expected who made the claim, e.g. `claimant="Family members, to AP"`');
      } else {
        problems.add('invalidAttribute', file, place, `Unexpected \`${name}=${value ?? ''}\`, ${plainMessage(issue.message)}`);
      }
    }
    return undefined;
  }
  if (result.data.status === 'unconfirmed' && !result.data.missing) {
    problems.add('missingEvidence', file, attributePlace(node, 'status'),
      'Unconfirmed claim without `missing`, expected `missing="…"` saying what evidence would settle it');
    ok = false;
  }
  return ok ? result.data : undefined;
}

function readClaim(node: ContainerDirective, file: string, problems: ProblemList, dir: 'ltr' | 'rtl', definitions: Definition[]): WrittenClaim | undefined {
  const place = start(node.position);
  const attributes = readClaimAttributes(node, file, problems);
  const children = [...node.children];
  const first = children[0];
  let label: Paragraph | undefined;
  if (first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
    label = first;
    children.shift();
  }
  if (!label || !toString(label).trim()) {
    problems.add('missingLabel', file, place, 'Missing claim statement, expected `:::claim[The claim in one sentence]{…}`');
  }
  const quotes = children.filter((c): c is Blockquote => c.type === 'blockquote');
  const reasoning = children.filter((c) => c.type !== 'blockquote' && c.type !== 'definition');
  if (quotes.length === 0) problems.add('missingQuote', file, place, 'Missing quote, expected a `> …` blockquote with the exact words from the source');
  for (const extra of quotes.slice(1)) {
    problems.add('multipleQuotes', file, start(extra.position), 'Unexpected second quote in one claim, expected exactly one `> …` blockquote');
  }
  if (reasoning.length === 0) problems.add('missingReasoning', file, place, 'Missing reasoning, expected a paragraph after the quote explaining the status');
  const quote = quotes[0];
  if (!attributes || !label || !quote || quotes.length > 1 || reasoning.length === 0) return undefined;
  return {
    attributes,
    labelHtml: phrasingToHtml(label.children, dir, definitions),
    labelText: toString(label).trim(),
    quote: quote.children.map((c) => toString(c)).join(' '),
    quotePlace: start(quote.children[0]?.position ?? quote.position),
    occurrencePlace: attributePlace(node, 'occurrence'),
    reasoningHtml: markdownToHtml([...reasoning, ...definitions], dir),
    place,
  };
}

/** Link schemes that may be published; anything else (javascript:, data:, vbscript:…) is refused. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/**
 * Reports things that would otherwise vanish or be unsafe: raw HTML, directives that are
 * not `:::claim`, claims nested in other blocks, `:::claim` lines that did not parse as
 * a directive (they would be published as plain text), and links with unsafe schemes.
 */
function reportUnpublishable(root: Root, markdown: string, file: string, problems: ProblemList): void {
  const lines = markdown.split(/\r?\n/);
  visit(root, (node, _index, parent) => {
    const isLabel = (node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
    if (node.type === 'paragraph' && node.position && !isLabel) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) {
        const text = lines[line - 1] ?? '';
        const opening = /^(\s*(?:>\s*)*)(:{2,}\s*claim\b.*)$/u.exec(text);
        if (opening) {
          problems.add('unparsedClaim', file, { line, column: opening[1]!.length + 1 },
            `Unexpected text \`${excerpt(opening[2]!, 50)}\`, expected a claim opening like \`:::claim[Statement]{#id status=… claimant="…"}\``);
        }
      }
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !SAFE_URL.test(node.url.trim())) {
      problems.add('unsafeLink', file, start(node.position), `Unexpected link to \`${excerpt(node.url, 40)}\`, expected an \`https:\`, \`mailto:\`, relative or \`#\` link`);
    }
    if (node.type === 'containerDirective' && node.name === 'claim' && parent && parent.type !== 'root') {
      const outer = parent.type === 'containerDirective' && parent.name === 'claim' ? parent : undefined;
      problems.add('nestedClaim', file, start(node.position), outer
        ? `Unexpected \`:::claim\` inside claim \`#${outer.attributes?.['id'] ?? '?'}\` (line ${outer.position?.start.line ?? '?'}), expected \`:::\` closing that claim first`
        : `Unexpected \`:::claim\` inside a ${NODE_NAMES[parent.type] ?? parent.type}, expected claims at the top level of the file`);
    }
    if (node.type === 'html') {
      problems.add('rawHtml', file, start(node.position), `Unexpected raw HTML \`${excerpt(node.value, 30)}\`, expected markdown`);
    } else if (node.type === 'textDirective' || node.type === 'leafDirective' || (node.type === 'containerDirective' && node.name !== 'claim')) {
      const marker = node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::';
      const guess = closest(node.name, ['claim']);
      problems.add('unknownDirective', file, start(node.position),
        `Unexpected directive \`${marker}${node.name}\`, expected \`:::claim\`${guess ? ' (did you mean `:::claim`?)' : ''}`);
    }
  });
}

/** How markdown block types are called in messages. */
const NODE_NAMES: Record<string, string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  thematicBreak: 'horizontal rule',
  blockquote: 'blockquote',
  list: 'list',
  listItem: 'list item',
  code: 'code block',
  table: 'table',
  definition: 'link definition',
};

/** Parses a case file and checks its form: frontmatter, claims, attributes. */
export function interpretCase(markdown: string, file: string, problems: ProblemList): WrittenCase | undefined {
  const root = parser.parse(markdown) as Root;
  parser.runSync(root);
  const { data: frontmatter, place: frontmatterPlace, documentPlace } = readFrontmatter(root, file, problems);
  reportUnpublishable(root, markdown, file, problems);
  const dir = frontmatter ? directionOf(frontmatter.lang) : 'ltr';

  // Link reference definitions (`[src]: https://…`) may stand anywhere and serve every block.
  const definitions: Definition[] = [];
  visit(root, 'definition', (node) => {
    definitions.push(node);
  });
  const notes: RootContent[] = [];
  const claims: WrittenClaim[] = [];
  const firstSeen = new Map<string, Point>();
  let claimBlocks = 0;
  for (const node of root.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'containerDirective' && node.name === 'claim') {
      claimBlocks++;
      const claim = readClaim(node, file, problems, dir, definitions);
      const id = node.attributes?.['id'];
      if (id) {
        const first = firstSeen.get(id);
        if (first) {
          problems.add('duplicateId', file, attributePlace(node, 'id'), `Unexpected duplicate claim id \`#${id}\``,
            { file, place: first, message: 'first defined here' });
          continue;
        }
        firstSeen.set(id, attributePlace(node, 'id'));
      }
      if (claim) claims.push(claim);
    } else if (claimBlocks > 0) {
      // Directives and raw HTML are reported by reportUnpublishable already.
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'html') {
        const text = excerpt(toString(node), 30);
        problems.add('strayContent', file, start(node.position),
          `Unexpected ${NODE_NAMES[node.type] ?? node.type}${text ? ` \`${text}\`` : ''} after the first claim, expected only \`:::claim\` blocks`);
      }
    } else if (node.type !== 'containerDirective') {
      notes.push(node);
    }
  }
  if (!frontmatter) return undefined;
  return { frontmatter, frontmatterPlace, documentPlace: documentPlace ?? frontmatterPlace, notesHtml: markdownToHtml([...notes, ...definitions], dir), claims, claimBlocks };
}
