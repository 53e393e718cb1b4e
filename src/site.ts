/**
 * The site configuration for the Astro layer (pages, layouts, endpoints): read once per process from
 * `content/site.yaml` (validated; astro.config.mjs has already stopped the build on any problem in it), and read
 * again by the dev server when the file is saved (src/core/live-site-config.ts).
 */
import { liveSiteConfig } from './core/live-site-config.ts';
import type { SiteConfig } from './schemas/site-config.ts';

export const site: SiteConfig = liveSiteConfig(process.cwd());

/** The site's name in `lang` (by primary language), else in the site language. */
export function siteName(lang: string): string {
  return site.name[lang] ?? site.name[lang.split('-')[0]!.toLowerCase()] ?? site.name[site.lang]!;
}
