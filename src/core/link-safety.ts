import { excerpt } from './problems.ts';

/** Link schemes that may be published; anything else (javascript:, data:, vbscript:…) is refused. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/**
 * The link as a browser reads it (the WHATWG URL parser): tabs and line breaks anywhere are dropped, and controls and
 * spaces in front, so `/<TAB>/evil.example` is `//evil.example` and `<U+0001>javascript:` is `javascript:`.
 */
function asBrowsersRead(url: string): string {
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}

/** Whether a link may be published: `https:`, `mailto:`, a fragment or a path; never `javascript:`, `data:`… */
export function hasSafeScheme(url: string): boolean {
  return SAFE_URL.test(asBrowsersRead(url));
}

/** `//host/…` (and `/\host`, which browsers read the same): another site, on the scheme of the page it is on. */
export function isProtocolRelative(url: string): boolean {
  return /^[/\\]{2}/.test(asBrowsersRead(url));
}

/**
 * What is wrong with an image's address, or undefined: the pages show images from the site itself only (their
 * Content-Security-Policy, `img-src 'self'`), and an image from another site would also tell that site who reads the
 * page; an address relative to the page would be looked up under the page's own folder (`/cases/<id>/chart.png`).
 * `url` has a safe scheme already (hasSafeScheme); `hostFirst` says it starts with another site's host, its scheme left out.
 */
export function imageAddressProblem(url: string, hostFirst = false): string | undefined {
  const read = asBrowsersRead(url);
  if (/^[a-z][a-z0-9+.-]*:/i.test(read) || isProtocolRelative(read) || hostFirst) {
    return `an image from another site, which the pages do not load (their Content-Security-Policy allows the site's own images only), expected the file saved under \`public/\` and its path from the site's root, e.g. \`![…](/images/${fileName(read)})\`, or a link to it, \`[…](${excerpt(url, 60)})\``;
  }
  if (!read.startsWith('/')) {
    return `an image given relative to the page, which would be looked for in the page's own folder, expected its path from the site's root to a file under \`public/\`, e.g. \`/images/${fileName(read)}\``;
  }
  return undefined;
}

/** The last segment of an address's path, for an example (`image.png` when it has none). */
function fileName(url: string): string {
  const last = url.replace(/[?#].*$/s, '').split('/').pop() ?? '';
  return /^[\w.-]{1,60}$/.test(last) && last.includes('.') ? last : 'image.png';
}
