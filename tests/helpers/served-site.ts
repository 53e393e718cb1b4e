import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { runBuild, type BuildRun } from './build.ts';
import { serveStatic } from './static-server.ts';

/** A real build of the project, served on 127.0.0.1, with Chromium launched: what browser tests open. */
export interface ServedSite {
  build: BuildRun;
  site: { url: string; close: () => Promise<void> };
  browser: Browser;
  close: () => Promise<void>;
}

/** Builds the site (`astro build`), serves it as a CDN would and launches Chromium; throws with the build log if the build fails. */
export async function serveBuiltSite(): Promise<ServedSite> {
  const build = runBuild({ command: 'astro' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
  const site = await serveStatic(build.outDir);
  const browser = await launch();
  return {
    build,
    site,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}
