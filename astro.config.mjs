// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { formatReport } from './src/core/problems.ts';
import { readSiteConfig } from './src/core/site-config.ts';
import pagefind from './src/integrations/pagefind.ts';
import securityHeaders from './src/integrations/security-headers.ts';
import previousOutput from './src/integrations/previous-output.ts';
import directOutputs from './src/integrations/direct-outputs.ts';
import devReload from './src/integrations/dev-reload.ts';
import { CSP_DIRECTIVES, CSP_SCRIPT_RESOURCES, CSP_STYLE_RESOURCES } from './src/core/csp-policy.ts';

// content/site.yaml is the one place for the public URL, the sub-path and the rest (docs/configuration.md).
// A mistake in it stops every command here, reported at file:line:column, with no stack trace.
const { config: site, problems } = readSiteConfig(process.cwd());
if (!site) {
  console.error(`tahqiq: the site configuration has problems; nothing was built.\n${formatReport(problems.items)}`);
  process.exit(1);
}

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Four pages rendered at once: a case page waits on the disk for its cached case and for its own writing, and one
  // page at a time left Astro's thread idle 30–46% of page generation. 4,000 case pages (bench/README.md): 26.2–27.6
  // s against 32.5–48.7 s one at a time (two at once: 28.3–30.4 s); the same bytes.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 4 },
  // Security headers complete each page's policy before Pagefind reads the pages, so the search index is always made
  // from the final pages (a page reused from the last build is already complete).
  // The files that are not pages (case data, annotations, source texts, cards, /claims.json) are written after the
  // pages by direct-outputs, not by Astro's page generation (src/direct-routes.ts); it is last so that the build
  // waits for it after the search index, which is made meanwhile.
  integrations: [previousOutput(), mdx(), securityHeaders(), pagefind(), directOutputs(), devReload()],
  // A strict Content-Security-Policy in every page's <meta http-equiv>, with the hashes of its own inline
  // scripts and styles; the same policy goes to dist/_headers (src/integrations/security-headers.ts).
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: [...CSP_SCRIPT_RESOURCES] },
      styleDirective: { resources: [...CSP_STYLE_RESOURCES] },
    },
  },
  // No syntax highlighting: Shiki colours code with inline `style` attributes, which the policy above blocks, and no
  // page has code to colour (case pages are rendered by tahqiq's own pipeline, not Astro's).
  // The editorial pages (MDX) stay on Astro's default processor (Sätteri). Through unified, to isolate their Latin terms
  // as the case pages do, a build of the project took 1.76–2.48 s (median 2.17) against 1.65–2.27 s (median 1.88), 8
  // runs each, interleaved; a cost that does not shrink with the archive. The three such terms of methodology/ar.mdx
  // are marked in the page itself (`<bdi lang="en">`).
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1' },
  // Case pages whose entry digest and templates are unchanged are restored from the last build, not rendered (src/pages/cases/[id]/index.astro).
  experimental: { incrementalBuild: true },
  vite: {
    build: {
      // Before each build the last build's unchanged outputs stay in place and the rest is moved aside (src/integrations/previous-output.ts).
      emptyOutDir: false,
      // Small scripts are inlined into pages, except the search box's: it imports Pagefind's own module at
      // run time, which an inlined script cannot do (withastro/astro#17265: `__VITE_PRELOAD__ is not defined`).
      assetsInlineLimit: (file) => (file.includes('SiteSearch') ? false : undefined),
      rollupOptions: {
        // MDX pages carry Astro's own "use astro:head-inject" marker; the bundler's notice about it is noise.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
