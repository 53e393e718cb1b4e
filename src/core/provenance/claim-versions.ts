/** A claim as one committed version of a case file wrote it: enough to tell what changed between versions. */
export interface ClaimVersion {
  id: string;
  status: string;
  label: string;
  quote: string;
}

/** A claim's opening fence: three colons or more (`::::claim` holds nested directives), as remark-directive reads it. */
const OPEN = /^\s{0,3}:{3,}claim\[(.*)\]\{(.*)\}\s*$/;
/** A line that starts a block of its own, so it cannot continue the quote's paragraph lazily (without its `>`). */
const BLOCK_START = /^\s{0,3}(?::{2,}|#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|`{3,}|~{3,}|<|(?:[-*_]\s*){3,}$)/;

function attribute(attributes: string, name: string): string {
  const m = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)'|([^\\s}"']+))`).exec(attributes);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
}

/**
 * Reads the claims of one historical version of a case file, by id, in file order. A light reading of the
 * `:::claim[label]{#id status=…}` lines and the `>` quote after each (the full parse, with every check, is
 * build-case's; old versions only need comparing, and an archive has thousands of them).
 */
export function claimVersions(markdown: string): Map<string, ClaimVersion> {
  const claims = new Map<string, ClaimVersion>();
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = OPEN.exec(lines[i]!);
    if (!m) continue;
    const id = /(?:^|\s)#([^\s}]+)/.exec(m[2]!)?.[1] ?? /(?:^|\s)id=["']?([^\s}"']+)/.exec(m[2]!)?.[1];
    if (!id || claims.has(id)) continue;
    const quote: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    // The `>` lines, and the lines that continue their paragraph without a `>` (a lazy continuation, still the quote).
    if (j < lines.length && /^\s{0,3}>/.test(lines[j]!)) {
      while (j < lines.length && lines[j]!.trim() !== '' && (/^\s{0,3}>/.test(lines[j]!) || !BLOCK_START.test(lines[j]!))) {
        quote.push(lines[j]!.replace(/^\s{0,3}>\s?/, ''));
        j++;
      }
    }
    claims.set(id, {
      id,
      status: attribute(m[2]!, 'status'),
      label: m[1]!.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim(),
      quote: quote.join(' ').replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim(),
    });
  }
  return claims;
}
