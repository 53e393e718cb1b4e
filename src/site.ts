/**
 * The site configuration for the Astro layer (pages, layouts, endpoints): read once
 * per build from `content/site.yaml` (validated; astro.config.mjs has already
 * stopped the build on any problem in it).
 */
import { readSiteConfig } from './core/site-config.ts';
import { formatProblem } from './core/problems.ts';
import type { SiteConfig } from './schemas/site-config.ts';

function load(): SiteConfig {
  const { config, problems } = readSiteConfig(process.cwd());
  if (!config) throw new Error(problems.items.map(formatProblem).join('\n'));
  return config;
}

export const site: SiteConfig = load();

/** The site's name in `lang` (by primary language), else in the site language. */
export function siteName(lang: string): string {
  return site.name[lang] ?? site.name[lang.split('-')[0]!.toLowerCase()] ?? site.name[site.lang]!;
}
