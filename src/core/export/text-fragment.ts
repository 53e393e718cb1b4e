/**
 * Text-fragment deep links (https://wicg.github.io/scroll-to-text-fragment/): `URL#:~:text=…` makes a
 * browser scroll to and highlight the quoted words on the publisher's live page.
 */

/** Quotes longer than this many words link as `start,end` (the first and last words), as the spec advises for long passages. */
export const LONG_QUOTE_WORDS = 10;
/** Words kept at each end of a long quote. */
export const EDGE_WORDS = 4;

/** Percent-encodes a fragment term: everything `encodeURIComponent` does, plus `-` (and `&`, `,`), which the syntax reserves. */
export function encodeTextTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, '%2D').replace(/&/g, '%26').replace(/,/g, '%2C');
}

/** The `text=` directive for a quote: whitespace collapsed; `start,end` for a long one. */
export function textDirective(quote: string): string {
  const words = quote.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return '';
  if (words.length <= LONG_QUOTE_WORDS) return `text=${encodeTextTerm(words.join(' '))}`;
  const start = words.slice(0, EDGE_WORDS).join(' ');
  const end = words.slice(-EDGE_WORDS).join(' ');
  return `text=${encodeTextTerm(start)},${encodeTextTerm(end)}`;
}

/** `url#:~:text=…` for a quote on a live page; an existing `#fragment` of the URL is kept before the directive. */
export function textFragmentUrl(url: string, quote: string): string | undefined {
  const directive = textDirective(quote);
  if (!directive) return undefined;
  const [page, fragment = ''] = url.split('#', 2) as [string, string?];
  return `${page}#${fragment.split(':~:')[0]}:~:${directive}`;
}
