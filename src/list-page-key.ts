import { createHash } from 'node:crypto';
import { toolDigest } from './core/case-digest.ts';
import type { CaseListPage } from './core/case-list-pages.ts';
import type { CaseSummary } from './schemas/case-summary.ts';
import { site } from './site.ts';

let tool: string | undefined;

/**
 * A list page's `cacheKey` for Astro's incremental build (a page whose key and code are unchanged is not rendered
 * again): its number, the number of pages, each listed case's summary without its `key` and `sizes`, the site's
 * configuration and the tool digest (the core, and the configuration files at the top of content/: the method's
 * status labels).
 *
 * A case's key, and the sizes of its cached files, change with every edit of its file or of a source it reads, even an
 * edit that changes nothing a list shows (a claim's reasoning, a note); every other field of the summary is kept in, so
 * a list page is rendered again whenever anything it could show changes. At 4,000 cases an edit used to render all 79
 * list pages again. `lang` names a list in one language (`/<lang>/page/<n>/`), absent for the home page's.
 */
export function listPageKey(page: CaseListPage<CaseSummary>, lang?: string): string {
  tool ??= toolDigest(process.cwd());
  const cases = page.cases.map(({ key: _key, sizes: _sizes, ...listed }) => listed);
  return createHash('sha256').update(JSON.stringify([lang ?? null, page.number, page.count, cases, site, tool])).digest('hex');
}
