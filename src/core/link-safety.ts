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
