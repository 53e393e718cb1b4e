/**
 * What Pagefind needs of a built page, cut out of its bytes without parsing or decoding the rest: the
 * `<html>` tag (its `lang` picks the index), the `<title>`, and each element marked `data-pagefind-body`,
 * minus the elements inside marked `data-pagefind-ignore="all"` (Pagefind drops those and everything in
 * them, filters and meta included, so cutting them out changes nothing it indexes). A case page is ~90 KB,
 * a third of it inline CSS in `<head>`: Pagefind parses and indexes what is left in a fraction of the time.
 *
 * Works on Latin-1 strings (one character a byte, see `fromBytes`): every marker looked for is ASCII.
 */

/** A page as Pagefind will index it: a small HTML document, or undefined when the page has no `data-pagefind-body`. */
export function searchablePage(page: Buffer): Buffer | undefined {
  const html = page.toString('latin1');
  const bodies = markedElements(html, 'data-pagefind-body');
  if (bodies.length === 0) return undefined;
  // Pagefind reads `data-pagefind-meta`, `-filter` and `-sort` anywhere in a page; outside the body they would be lost here.
  const outside = bodies.reduceRight((rest, [start, end]) => rest.slice(0, start) + rest.slice(end), html);
  if (/data-pagefind-(?!body)/.test(outside)) return page;
  const htmlTag = html.match(/<html\b[^>]*>/i)?.[0] ?? '<html>';
  const title = html.match(/<title\b[^>]*>[\s\S]*?<\/title>/i)?.[0] ?? '';
  const kept = bodies.map(([start, end]) => withoutIgnored(html.slice(start, end))).join('\n');
  return Buffer.from(`<!doctype html>${htmlTag}<head><meta charset="utf-8">${title}</head><body>${kept}</body></html>`, 'latin1');
}

/** The element without the elements inside it marked `data-pagefind-ignore="all"`. */
function withoutIgnored(element: string): string {
  const ignored = markedElements(element, 'data-pagefind-ignore="all"', 1);
  return ignored.reduceRight((rest, [start, end]) => rest.slice(0, start) + rest.slice(end), element);
}

/**
 * `[start, end)` of each element whose opening tag carries `attribute` (outermost only), from `from` on.
 * An element is closed by the matching end tag of its name, counting nested elements of that name; a void
 * or unclosed element ends with its opening tag (then nothing inside it is cut).
 */
function markedElements(html: string, attribute: string, from = 0): [number, number][] {
  const found: [number, number][] = [];
  let at = html.indexOf(attribute, from);
  while (at !== -1) {
    const start = html.lastIndexOf('<', at);
    const openEnd = html.indexOf('>', at);
    const name = html.slice(start + 1).match(/^[a-zA-Z][\w-]*/)?.[0];
    if (start === -1 || openEnd === -1 || !name) break;
    const end = closingEnd(html, name.toLowerCase(), openEnd + 1);
    found.push([start, end ?? openEnd + 1]);
    at = html.indexOf(attribute, end ?? openEnd + 1);
  }
  return found;
}

/** Where the end tag matching an open `name` element ends, searching from `from`; undefined without one. */
function closingEnd(html: string, name: string, from: number): number | undefined {
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : m[0].endsWith('/>') ? 0 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return undefined;
}
