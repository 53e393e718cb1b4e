import type { ContainerDirective } from 'mdast-util-directive';
import type { Code, ImageReference, Nodes as Node, Root, RootContent } from 'mdast';
import { RESERVED_IDS } from '../schemas/claim.ts';
import { closest, list, start, TYPOGRAPHIC_MARK, TYPOGRAPHIC_VALUE } from './messages.ts';
import { isEvidence } from './read-evidence.ts';
import { excerpt, type ProblemList } from './problems.ts';
import type { WrittenAttribute } from './remark-directive-positions.ts';
import { eachNode } from './each-node.ts';
import { hasSafeScheme, imageAddressProblem, isProtocolRelative } from './link-safety.ts';
import type { SiteImage } from './site-images.ts';
import { CLOSING_FENCE } from './unparsed-claims.ts';

/**
 * Reports things that would otherwise vanish or be unsafe: raw HTML, directives that are
 * not `:::claim`, claims nested in other blocks, `:::claim` lines that did not parse as
 * a directive (they would be published as plain text), and links with unsafe schemes. Returns the images the page
 * shows from the site itself, whose files are looked for on every run (site-images.ts).
 */
export function reportUnpublishable(root: Root, lines: string[], file: string, problems: ProblemList, unparsedClaims: Set<RootContent>): SiteImage[] {
  /** The images the page shows from the site itself, for the check that their files exist (site-images.ts). */
  const images: SiteImage[] = [];
  reportBrokenFragments(root, file, problems);
  /** Made only when an evidence passage stands where it does not belong (evidenceHeldInClaims). */
  let heldInClaim: Map<Node, ContainerDirective> | undefined;
  /** `![alt][label]`: its address is the definition's (`[label]: /images/x.png`), which may come after it. */
  const imageReferences: { reference: ImageReference; inStatement: boolean }[] = [];
  const definitionUrls = new Map<string, string>();
  eachNode(root, (node, parent) => {
    if (node.type === 'imageReference') imageReferences.push({ reference: node, inStatement: (parent?.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true });
    if (node.type === 'definition' && !definitionUrls.has(node.identifier)) definitionUrls.set(node.identifier, node.url.trim());
    const isLabel = (node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true;
    if (node.type === 'paragraph' && node.position && !isLabel) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) {
        const text = lines[line - 1] ?? '';
        const opening = /^(\s*(?:>\s*)*)(:{2,}\s*claim\b.*)$/u.exec(text);
        if (opening) {
          const unclosed = unclosedQuoteColumn(text);
          const escaped = text.indexOf('\\"');
          problems.add('unparsedClaim', file, { line, column: typographicColumn(text) ?? (escaped >= 0 ? escaped + 1 : undefined) ?? unclosed ?? opening[1]!.length + 1 }, TYPOGRAPHIC_VALUE.test(opening[2]!)
            ? `Unexpected text \`${excerpt(opening[2]!, 50)}\`: a value in typographic quotes (\`${typographicPair(opening[2]!)}\`), expected straight quotes, e.g. \`claimant="…"\``
            : escaped >= 0
              ? `Unexpected \`\\"\` in \`${excerpt(opening[2]!, 50)}\`: a backslash does not keep a quote mark inside a value, expected the value in single quotes when it holds double ones (\`claimant='The "big" authority'\`)`
              : unclosed
              ? `Unexpected text \`${excerpt(opening[2]!, 50)}\`: the quote opened at column ${unclosed} is not closed, expected \`"\` at the end of its value`
              : `Unexpected text \`${excerpt(opening[2]!, 50)}\`, expected a claim opening like \`:::claim[Statement]{#id status=… claimant="…"}\``);
        }
        // `::supports[…]{…}` followed by anything on its line is not a directive to markdown: the passage would be
        // published as plain text in the reasoning, and the claim would lose its evidence.
        const evidence = /^(\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?)(::(supports|contradicts|context)\b.*)$/u.exec(text);
        if (evidence) {
          problems.add('unparsedEvidence', file, { line, column: typographicColumn(text) ?? evidence[1]!.length + 1 }, TYPOGRAPHIC_VALUE.test(evidence[2]!)
            ? `Unexpected text \`${excerpt(evidence[2]!, 50)}\`: a value in typographic quotes (\`${typographicPair(evidence[2]!)}\`), expected straight quotes, e.g. \`by="…"\``
            : `Unexpected text \`${excerpt(evidence[2]!, 50)}\`, expected \`::${evidence[3]}[words from the source]{…}\` alone on its line`);
        }
      }
    }
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const url = node.url.trim();
      if (!hasSafeScheme(url)) {
        problems.add('unsafeLink', file, start(node.position), `Unexpected link to \`${excerpt(node.url, 40)}\`, expected an \`https:\`, \`mailto:\`, relative or \`#\` link`);
      } else if (node.type === 'image') {
        // An image from another site is refused however its address is written (`//host/…` and `www.…` too).
        const problem = imageAddressProblem(url, looksLikeAddress(url));
        if (problem) problems.add('imageNotShown', file, start(node.position), `Unexpected image \`${excerpt(url, 40)}\`: ${problem}`);
        // (One in a claim's statement is refused below, whether or not its file exists.)
        else if ((parent?.data as { directiveLabel?: boolean } | undefined)?.directiveLabel !== true) images.push({ url, place: start(node.position) });
      } else if (isProtocolRelative(url)) {
        const host = url.replace(/^[/\\]+/, '');
        problems.add('addressWithoutScheme', file, start(node.position), `Unexpected link to \`${excerpt(url, 40)}\`, another site's address without its scheme, expected \`https://${excerpt(host, 40)}\``);
      } else if (looksLikeAddress(url)) {
        problems.add('addressWithoutScheme', file, start(node.position), `Unexpected link to \`${excerpt(url, 40)}\`, a web address without its scheme, expected \`https://${excerpt(url, 40)}\``);
      }
      if (node.type === 'image' && (parent?.data as { directiveLabel?: boolean } | undefined)?.directiveLabel === true) {
        problems.add('imageNotShown', file, start(node.position), `Unexpected image \`${excerpt(node.url, 40)}\` in a claim's statement, which is published as text (the table, the structured data), expected words`);
      }
    }
    if (node.type === 'containerDirective' && node.name === 'claim' && parent && parent.type !== 'root') {
      const outer = parent.type === 'containerDirective' && parent.name === 'claim' ? parent : undefined;
      problems.add('nestedClaim', file, start(node.position), outer
        ? `Unexpected \`:::claim\` inside claim \`#${outer.attributes?.['id'] ?? '?'}\` (line ${outer.position?.start.line ?? '?'}), expected \`:::\` closing that claim first`
        : `Unexpected \`:::claim\` inside a ${NODE_NAMES[parent.type] ?? parent.type}, expected claims at the top level of the file`);
    }
    if (node.type === 'containerDirective' && parent?.type === 'root' && node.position && !CLOSING_FENCE.test(lines[node.position.end.line - 1] ?? '')
      && !node.children.some((child) => child.type === 'containerDirective' && child.name === 'claim')) {
      // A block left open runs to the end of the file (a claim inside it is reported as nested instead, TQ215).
      const what = node.name === 'claim' ? `claim \`#${node.attributes?.['id'] ?? '?'}\`` : `\`:::${node.name}\``;
      problems.add('unclosedBlock', file, start(node.position), `Unexpected end of file inside ${what}, expected a \`:::\` line closing it`);
    }
    if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') {
      reportDuplicateAttributes(node, file, problems);
      reportTypographicQuotes(node, lines, file, problems);
    }
    if (node.type === 'code' && node.position) reportBlocksInCode(node, lines, file, problems);
    if (node.type === 'html') {
      problems.add('rawHtml', file, start(node.position), `Unexpected raw HTML \`${excerpt(node.value, 30)}\`, expected markdown`);
    } else if (isEvidence(node)) {
      // Evidence passages belong inside a claim (read-evidence.ts); anywhere else they would vanish.
      // In a claim whose opening line is reported as unreadable (TQ110), the passage is looked up there, not reported again.
      if (!(parent?.type === 'containerDirective' && parent.name === 'claim') && !(parent?.type === 'root' && unparsedClaims.has(node as RootContent))) {
        const name = (node as { name: string }).name;
        const claim = (heldInClaim ??= evidenceHeldInClaims(root)).get(node);
        problems.add('evidenceOutsideClaim', file, start(node.position), claim && parent
          ? `Unexpected \`::${name}\` inside a ${NODE_NAMES[parent.type] ?? parent.type} of claim \`#${claim.attributes?.['id'] ?? '?'}\` (line ${claim.position?.start.line ?? '?'}), expected it on a line of its own directly in the claim, after the quote (no \`-\` or \`>\` before it)`
          : `Unexpected \`::${name}\` outside a claim, expected it inside a \`:::claim\` block, after the quote`);
      }
    } else if (node.type === 'containerDirective' && node.name === 'note') {
      if (parent && parent.type !== 'root') {
        problems.add('nestedNote', file, start(node.position), parent.type === 'containerDirective' && parent.name === 'claim'
          ? `Unexpected \`:::note\` inside claim \`#${parent.attributes?.['id'] ?? '?'}\` (line ${parent.position?.start.line ?? '?'}), expected it at the top level of the file, after that claim is closed`
          : `Unexpected \`:::note\` inside a ${parent.type === 'containerDirective' ? `\`:::${parent.name}\`` : NODE_NAMES[parent.type] ?? parent.type}, expected notes at the top level of the file`);
      }
    } else if (node.type === 'textDirective' || node.type === 'leafDirective' || (node.type === 'containerDirective' && node.name !== 'claim')) {
      const marker = node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::';
      const known = [':::claim', ':::note', '::supports', '::contradicts', '::context'];
      const guess = closest(`${marker}${node.name}`, known);
      problems.add('unknownDirective', file, start(node.position),
        `Unexpected directive \`${marker}${node.name}\`, expected ${list(known)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
    }
  });
  for (const { reference, inStatement } of imageReferences) {
    const url = definitionUrls.get(reference.identifier);
    // No definition (TQ122), or one with an unsafe scheme (reported at the definition).
    if (url === undefined || !hasSafeScheme(url)) continue;
    const place = start(reference.position);
    const problem = inStatement
      ? 'in a claim\'s statement, which is published as text (the table, the structured data), expected words'
      : imageAddressProblem(url, looksLikeAddress(url));
    if (problem) problems.add('imageNotShown', file, place, `Unexpected image \`${excerpt(url, 40)}\`${inStatement ? ' ' : ': '}${problem}`);
    else images.push({ url, place });
  }
  return images;
}

/** Top-level domains a news link most often ends in, none of them also a usual file extension. */
const GENERIC_TLDS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'mil', 'info', 'biz', 'news', 'media', 'press', 'online', 'site', 'world', 'global', 'eu', 'asia', 'africa', 'arab']);

/**
 * `www.example.org/page`, `example.org`, `news.example.co.uk/x`: a link whose first segment is a host, with no scheme
 * before it. To a browser it is a relative link, a page of this site that does not exist. A host ends in a common
 * generic domain (`.org`, `.gov`, `.news`…), or in a two-letter country code with a subdomain or a path after it
 * (`bbc.co.uk`, `sana.sy/x`), or starts with `www.`: a relative link to a file (`data.geojson`, `files.tar.gz`,
 * `report.ps`) is none of these.
 */
function looksLikeAddress(url: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:|^[/#.?]/i.test(url)) return false;
  const host = /^[^/?#]+/.exec(url)?.[0] ?? '';
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(host)) return false;
  if (/^www\./i.test(host)) return true;
  const labels = host.toLowerCase().split('.');
  const last = labels[labels.length - 1]!;
  if (GENERIC_TLDS.has(last)) return true;
  return /^[a-z]{2}$/.test(last) && !FILE_LIKE_CODES.has(last) && (labels.length >= 3 || url.length > host.length);
}

/** Two-letter endings more often a file's than a country's. */
const FILE_LIKE_CODES = new Set(['gz', 'js', 'ts', 'md', 'py', 'rb', 'sh', 'ps', 'xz', 'bz', 'db', 'so', 'rs', 'go', 'cs', 'pl', 'tf', 'ai']);

/** Evidence passages inside a claim but not directly in it (in a list item, a blockquote…), with their claim. */
function evidenceHeldInClaims(root: Root): Map<Node, ContainerDirective> {
  const held = new Map<Node, ContainerDirective>();
  for (const claim of root.children) {
    if (claim.type !== 'containerDirective' || claim.name !== 'claim') continue;
    for (const child of claim.children) {
      if ('children' in child) eachNode({ type: 'root', children: child.children as RootContent[] }, (node) => {
        if (isEvidence(node)) held.set(node, claim);
      });
    }
  }
  return held;
}

/**
 * `[see](#no-such-claim)`: a link inside the page must reach a claim of this case, a claim's quote
 * (`#quote-<id>`), a sentence, note or document of the sources (`#s-…`, `#note-…`, `#source-…`) or a part of the page itself.
 */
function reportBrokenFragments(root: Root, file: string, problems: ProblemList): void {
  const ids = new Set<string>(RESERVED_IDS);
  eachNode(root, (node) => {
    const id = node.type === 'containerDirective' && node.name === 'claim' ? node.attributes?.['id'] : undefined;
    if (id) ids.add(id);
  });
  eachNode(root, (node) => {
    if (node.type !== 'link' && node.type !== 'definition') return;
    const url = node.url.trim();
    if (!url.startsWith('#') || url.length === 1) return;
    let target: string;
    try {
      target = decodeURIComponent(url.slice(1));
    } catch {
      target = url.slice(1);
    }
    if (ids.has(target) || ids.has(target.replace(/^quote-/, '')) || /^(?:s|note|source)-[a-z0-9-]+$/.test(target)) return;
    const guess = closest(target, [...ids]);
    problems.add('brokenFragment', file, start(node.position),
      `Unexpected link to \`#${excerpt(target, 40)}\`: no claim has this id${guess ? ` (did you mean \`#${guess}\`?)` : ''}, expected the id of a claim in this case`);
  });
}

/** The typographic quote marks a value on this line was written in, as typed: `“…”`, `«…»`, `‘…’`. */
function typographicPair(line: string): string {
  const found = TYPOGRAPHIC_VALUE.exec(line);
  const open = found?.[0].slice(-1) ?? '“';
  const close = /[“”„‟‘’‚‛«»](?=\s*[}\s])/u.exec(line.slice((found?.index ?? 0) + (found?.[0].length ?? 0)))?.[0] ?? open;
  return `${open}…${close}`;
}

/**
 * The column of a `"` opening an attribute value that no `"` closes (`claimant="the family}`), if any. A `"` right
 * after `=` opens a value: one met while another is open means that one was never closed (`claimant="A missing="B"`).
 */
function unclosedQuoteColumn(line: string): number | undefined {
  const braces = line.lastIndexOf('{');
  if (braces < 0) return undefined;
  let open: number | undefined;
  for (let i = braces; i < line.length; i++) {
    if (line[i] !== '"') continue;
    if (open === undefined) open = i;
    else if (/=\s*$/u.test(line.slice(braces, i))) return open + 1;
    else open = undefined;
  }
  return open === undefined ? undefined : open + 1;
}

/** The column of the first typographic quote mark opening a value on a line, if any. */
function typographicColumn(line: string): number | undefined {
  const found = TYPOGRAPHIC_VALUE.exec(line);
  return found ? found.index + found[0].length : undefined;
}

/**
 * `by=“Police”`: to markdown the typographic quotes are part of an unquoted value, which would be published with them
 * and counted as another attribution than `by="Police"`. Straight quotes only; a value written in straight quotes may
 * hold any quote marks (`claimant="«the family»"`).
 */
function reportTypographicQuotes(node: Node, lines: string[], file: string, problems: ProblemList): void {
  const attributes = (node as { attributes?: Record<string, string | null | undefined> }).attributes ?? {};
  const written = (node.data as { writtenAttributes?: WrittenAttribute[] } | undefined)?.writtenAttributes ?? [];
  for (const attribute of written) {
    const value = attributes[attribute.name];
    if (attribute.name === 'id' || typeof value !== 'string' || !TYPOGRAPHIC_MARK.test(value)) continue;
    const after = (lines[attribute.position.end.line - 1] ?? '').slice(attribute.position.end.column - 1);
    if (/^\s*=\s*["']/u.test(after)) continue;
    const kind = node.type === 'containerDirective' && (node as { name?: string }).name === 'claim' ? 'invalidAttribute' : 'evidenceAttribute';
    const plain = value.replace(/^[“”„‟‘’‚‛«»]+|[“”„‟‘’‚‛«»]+$/gu, '');
    problems.add(kind, file, start(attribute.position),
      `Unexpected \`${attribute.name}=${excerpt(value, 40)}\` in typographic quotes, expected straight quotes: \`${attribute.name}="${excerpt(plain, 40)}"\``);
  }
}

/** `status=disputed status=confirmed`, two `#id`s: markdown keeps the last; we say so. */
function reportDuplicateAttributes(node: Node, file: string, problems: ProblemList): void {
  const written = (node.data as { writtenAttributes?: WrittenAttribute[] } | undefined)?.writtenAttributes ?? [];
  const first = new Map<string, WrittenAttribute>();
  for (const attribute of written) {
    const earlier = first.get(attribute.name);
    if (!earlier) {
      first.set(attribute.name, attribute);
      continue;
    }
    const shown = attribute.name === 'id' ? '#id' : `\`${attribute.name}\``;
    problems.add('duplicateAttribute', file, start(attribute.position),
      `Unexpected second ${attribute.name === 'id' ? '`#id`' : shown} on one directive, expected each attribute once`,
      { file, place: start(earlier.position), message: 'first given here' });
  }
}

/** How markdown block types are called in messages. */
export const NODE_NAMES: Record<string, string> = {
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

/**
 * A `:::claim`, `:::note` or evidence line inside a code block: indented (a code block to markdown), or below a code
 * fence (```` ``` ````, `~~~`) that is never closed, or closed after it. The claim or note would be published as code,
 * and the passage as code in the reasoning, its claim without that evidence; an unclosed fence in the notes takes
 * every claim below it.
 */
function reportBlocksInCode(node: Code, lines: readonly string[], file: string, problems: ProblemList): void {
  const first = node.position!.start.line;
  const opener = lines[first - 1] ?? '';
  const indented = !node.lang && /^(?: {4}|\t)/.test(opener);
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(opener)?.[1];
  if (!indented && !fence) return;
  const last = node.position!.end.line;
  const fenceLine = fence?.[0] === '~' ? '`~~~` line' : 'line of three backticks';
  const closed = fence !== undefined && last > first && new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[last - 1] ?? '');
  node.value.split(/\r?\n/).forEach((text, i) => {
    const opening = /^(\s*)(:{3,}\s*(claim|note)\b.*|::(supports|contradicts|context)\b.*)$/u.exec(text);
    if (!opening) return;
    const line = first + i + (indented ? 0 : 1);
    const column = (/^\s*/.exec(lines[line - 1] ?? '')?.[0].length ?? 0) + 1;
    const written = excerpt(opening[2]!, 40);
    const expected = opening[3] === 'claim' ? '`:::claim`' : opening[3] === 'note' ? '`:::note`' : `\`::${opening[4]}[…]\``;
    const message = indented
      ? `Unexpected indented \`${written}\` (a code block to markdown), expected ${expected} at the start of the line`
      : `Unexpected \`${written}\` inside a code block: the ${fenceLine} at line ${first} opens it and ${closed ? `line ${last} closes it, after this line` : 'no line closes it'}, expected a ${fenceLine} closing the code block before the ${opening[3] ?? 'passage'}`;
    problems.add(opening[3] === 'claim' ? 'unparsedClaim' : opening[3] === 'note' ? 'unparsedNote' : 'unparsedEvidence', file, { line, column }, message);
  });
}
