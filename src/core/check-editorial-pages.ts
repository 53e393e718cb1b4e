import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ImageReference, Nodes } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { eachNode } from './each-node.ts';
import { literalRanges, reportCharacterReferences, reportYamlEscapes } from './escaped-invisible.ts';
import { reportInvisibleText } from './invisible-text.ts';
import { start } from './messages.ts';
import { hasSafeScheme, imageAddressProblem, isProtocolRelative } from './link-safety.ts';
import { PublicFiles } from './site-images.ts';
import { isFromSiteRoot, siteBase } from './site-base.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { readConfigTextSync } from './read-config-text.ts';

/** The folder of the editorial pages (`<page>/<lang>.mdx`), from the project root. */
export const EDITORIAL_DIR = 'content/pages';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']);
/** The components a page may use (src/pages/[page]/[lang].astro gives them). */
const COMPONENTS = new Set(['StatusDefinitions']);
/** HTML that runs code, loads another page into this one, or sends a form: not for a page of text. */
const UNSAFE_ELEMENTS = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'base', 'meta', 'link']);
/** `https:`, `mailto:`, a fragment or a path of this site; not `//host` (another site, on the page's scheme). */
const isSafeUrl = (url: string) => hasSafeScheme(url) && !isProtocolRelative(url);
const FIELDS = ['title', 'lang', 'description'] as const;

/**
 * Checks the editorial pages as case files are checked, before Astro compiles them: MDX that would stop the build
 * with a stack trace (a `<` or `{` read as code, a field missing) is reported at its line and column, and what would
 * run code or leave the site (a script, an event attribute, a `javascript:` link, an expression) is refused.
 */
export function checkEditorialPages(root: string, problems: ProblemList): void {
  let names: string[];
  try {
    names = readdirSync(path.join(root, EDITORIAL_DIR), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mdx')).sort();
  } catch {
    return; // No editorial pages: nothing to check.
  }
  const base = siteBase(root);
  const site = { root, base, files: new PublicFiles(root, base) };
  for (const name of names) checkPage(site, `${EDITORIAL_DIR}/${name.split(path.sep).join('/')}`, problems);
}

/** The project's root, and the sub-path the site is served under (`/` at a domain's root). */
interface Site {
  root: string;
  base: string;
  files: PublicFiles;
}

function checkPage(site: Site, file: string, problems: ProblemList): void {
  const read = readConfigTextSync(path.join(site.root, file), 'MDX page');
  if (!('text' in read)) {
    problems.add('editorialSyntax', file, { line: 1, column: 1 }, `Unexpected \`${file}\`: ${'unusable' in read ? read.unusable : 'gone while it was read'}`);
    return;
  }
  const { text } = read;
  reportInvisibleText(text, file, problems);
  let tree;
  try {
    tree = parser.parse(text);
  } catch (error) {
    const place = (error as { place?: { line?: number; column?: number; start?: { line: number; column: number } } }).place;
    const point = place?.start ?? (place?.line ? { line: place.line, column: place.column ?? 1 } : { line: 1, column: 1 });
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    problems.add('editorialSyntax', file, point, `Invalid MDX: ${reason.split('\n')[0]}`);
    return;
  }
  reportCharacterReferences(text, literalRanges(tree), file, problems);
  checkFrontmatter(tree.children[0], file, problems);
  // `![alt][label]`: an image at the address of its definition (`[label]: /images/x.png`, which may come after it).
  const definitions = new Map<string, string>();
  const imageReferences: ImageReference[] = [];
  eachNode(tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url.trim());
    if (node.type === 'imageReference') imageReferences.push(node);
    checkNode(site, node as Nodes | MdxNode, file, problems);
  });
  for (const reference of imageReferences) {
    const url = definitions.get(reference.identifier);
    // (An unsafe or out-of-base definition is reported at the definition.)
    if (url !== undefined && isSafeUrl(url) && !outsideBase(site.base, url)) checkAddress(site, url, true, file, start(reference.position), problems);
  }
}

function checkFrontmatter(node: Nodes | undefined, file: string, problems: ProblemList): void {
  if (node?.type !== 'yaml') {
    problems.add('editorialField', file, { line: 1, column: 1 }, 'Missing frontmatter, expected the page to start with `---`, `title: …`, `lang: …` and `description: …`, and `---`');
    return;
  }
  const doc = parseDocument(node.value, { logLevel: 'error' });
  reportYamlEscapes(doc, node.value, { line: (node.position?.start.line ?? 1) + 1, column: 1 }, file, problems);
  const data = doc.toJS() as Record<string, unknown> | null;
  for (const field of FIELDS) {
    const value = data?.[field];
    if (typeof value !== 'string' || !value.trim()) {
      problems.add('editorialField', file, start(node.position), value === undefined ? `Missing frontmatter field \`${field}\`` : `Unexpected \`${field}: ${excerpt(String(value), 40)}\`, expected text`);
    }
  }
}

/** The nodes remark-mdx adds to mdast. */
type MdxNode =
  | { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement'; name: string | null; attributes: { type: string; name?: string; value?: unknown }[]; position?: Nodes['position'] }
  | { type: 'mdxFlowExpression' | 'mdxTextExpression' | 'mdxjsEsm'; value: string; position?: Nodes['position'] };

function checkNode(site: Site, node: Nodes | MdxNode, file: string, problems: ProblemList): void {
  const at = start(node.position);
  switch (node.type) {
    case 'mdxjsEsm':
      problems.add('editorialUnsafe', file, at, `Unexpected \`${excerpt(node.value, 40)}\`: an \`import\` or \`export\` is code, expected text`);
      break;
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      problems.add('editorialUnsafe', file, at, `Unexpected \`{${excerpt(node.value, 30)}}\`: braces hold code in MDX, expected text (write \`\\{\` for a brace)`);
      break;
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      const name = node.name ?? '';
      if (/^[A-Z]/.test(name) && !COMPONENTS.has(name)) {
        problems.add('editorialUnsafe', file, at, `Unexpected component \`<${name}>\`, expected text or \`<StatusDefinitions lang="…" />\``);
      } else if (UNSAFE_ELEMENTS.has(name.toLowerCase())) {
        problems.add('editorialUnsafe', file, at, `Unexpected \`<${name}>\`: it runs code or loads another page, expected text`);
      }
      for (const attribute of node.attributes) {
        const value = typeof attribute.value === 'string' ? attribute.value : undefined;
        if (attribute.type !== 'mdxJsxAttribute') {
          problems.add('editorialUnsafe', file, at, `Unexpected \`{…}\` in \`<${name}>\`: attributes computed by code, expected \`name="value"\``);
        } else if (/^on/i.test(attribute.name ?? '')) {
          problems.add('editorialUnsafe', file, at, `Unexpected \`${attribute.name}\` on \`<${name}>\`: an event attribute runs code, expected none`);
        } else if (attribute.value !== null && attribute.value !== undefined && value === undefined) {
          problems.add('editorialUnsafe', file, at, `Unexpected \`${attribute.name}={…}\` on \`<${name}>\`: a value computed by code, expected \`${attribute.name}="…"\``);
        } else if (value !== undefined && /^(?:href|src|action|formaction|xlink:href)$/i.test(attribute.name ?? '') && !isSafeUrl(value.trim())) {
          problems.add('editorialUnsafe', file, at, `Unexpected link to \`${excerpt(value, 40)}\` on \`<${name}>\`, expected an \`https:\`, \`mailto:\`, relative or \`#\` link`);
        } else if (value !== undefined && /^(?:href|src)$/i.test(attribute.name ?? '')) {
          // `<img src>` is an image like `![…](…)`: from the site itself, its file under `public/`.
          checkAddress(site, value.trim(), name.toLowerCase() === 'img' && attribute.name?.toLowerCase() === 'src', file, at, problems);
        }
      }
      break;
    }
    case 'link':
    case 'image':
    case 'definition':
      if (!isSafeUrl(node.url.trim())) {
        problems.add('editorialUnsafe', file, at, `Unexpected link to \`${excerpt(node.url, 40)}\`, expected an \`https:\`, \`mailto:\`, relative or \`#\` link`);
      } else {
        checkAddress(site, node.url.trim(), node.type === 'image', file, at, problems);
      }
      break;
    case 'html':
      problems.add('editorialUnsafe', file, at, `Unexpected raw HTML \`${excerpt(node.value, 30)}\`, expected markdown`);
      break;
    default:
  }
}

/**
 * A safe address on an editorial page: on a site served under a sub-path, one from the domain's root must start with
 * it (Astro publishes MDX addresses as written; case files get the sub-path added); an image must be the site's own,
 * its file under `public/`.
 */
function checkAddress({ base, files }: Site, url: string, image: boolean, file: string, at: Point, problems: ProblemList): void {
  if (outsideBase(base, url)) {
    problems.add('outsideBase', file, at, `Unexpected address \`${excerpt(url, 60)}\`: the site is served under \`${base}\`, and this page gives the address as written, expected \`${excerpt(`${base}${url.slice(1)}`, 70)}\``);
    return;
  }
  if (!image) return;
  const problem = imageAddressProblem(url);
  if (problem) problems.add('imageNotShown', file, at, `Unexpected image \`${excerpt(url, 40)}\`: ${problem}`);
  else files.report(file, [{ url, place: at }], problems);
}

/** An address from the domain's root that leaves the site's sub-path (always false at a domain's root). */
function outsideBase(base: string, url: string): boolean {
  return base !== '/' && isFromSiteRoot(url) && !url.startsWith(base);
}
