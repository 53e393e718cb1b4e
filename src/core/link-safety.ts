/** Link schemes that may be published; anything else (javascript:, data:, vbscript:…) is refused. */
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/** Whether a link (trimmed) may be published: `https:`, `mailto:`, a fragment or a path; never `javascript:`, `data:`… */
export function hasSafeScheme(url: string): boolean {
  return SAFE_URL.test(url);
}

/** `//host/…` (and `/\host`, which browsers read the same): another site, on the scheme of the page it is on. */
export function isProtocolRelative(url: string): boolean {
  return /^[/\\]{2}/.test(url);
}
