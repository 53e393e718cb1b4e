/**
 * The site's Content-Security-Policy, in one place: astro.config.mjs gives it to Astro (which adds the
 * hashes of each page's own inline scripts and styles in a `<meta http-equiv>`), and the `_headers` file
 * repeats it as an HTTP header with the hashes of every page. No `unsafe-inline` anywhere.
 */

/** Directives besides `script-src` and `style-src` (those carry hashes; Astro writes them). */
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "img-src 'self' data:",
  // Pagefind fetches its index and loads its WebAssembly from the site itself.
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
] as const;

/** Script sources besides the hashes: the site's own files (the search box, Pagefind) and Pagefind's WebAssembly. */
export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/** Style sources besides the hashes: none (every style is inline and hashed). */
export const CSP_STYLE_RESOURCES = ["'self'"] as const;

/** Only an HTTP header can set these (browsers ignore them in `<meta>`). */
export const CSP_HEADER_ONLY = ["frame-ancestors 'none'"] as const;
