import path from 'node:path';
import { processShared } from './process-shared.ts';
import { formatProblem, type Problem } from './problems.ts';
import { readSiteConfig } from './site-config.ts';
import type { SiteConfig } from '../schemas/site-config.ts';

/**
 * The site configuration the pages read, one object per process (the pages and the content loader may hold separate
 * copies of this module, processShared.ts). In `astro dev` the loader reads `content/site.yaml` again when it is
 * saved (reloadSiteConfig) and the pages see the new values in place, without a restart.
 */
export function liveSiteConfig(root: string): SiteConfig {
  return processShared<SiteConfig>(`siteConfig:${path.resolve(root)}`, () => {
    const { config, problems } = readSiteConfig(root);
    // astro.config.mjs has already stopped the build or the dev server on any problem: this is not reached then.
    if (!config) throw new Error(problems.items.map(formatProblem).join('\n'));
    return config;
  });
}

/**
 * Reads `content/site.yaml` again into the object the pages read: the new values when it is valid, else its problems,
 * the pages keeping the last good values. (`url` and `base` are Astro's own settings too: those need a restart.)
 */
export function reloadSiteConfig(root: string): Problem[] {
  const { config, problems } = readSiteConfig(root);
  if (!config) return problems.items;
  const live = liveSiteConfig(root) as unknown as Record<string, unknown>;
  for (const key of Object.keys(live)) delete live[key];
  Object.assign(live, config);
  return problems.items;
}
