/**
 * Environment variables that override a field of the site configuration for one build (tests, previews, a sub-path
 * deploy). Read by site-config.ts; part of the tool's digest (case-digest.ts), as the file they override is.
 */
export const SITE_ENV = { url: 'TAHQIQ_SITE', base: 'TAHQIQ_BASE', lang: 'TAHQIQ_SITE_LANG' } as const;
