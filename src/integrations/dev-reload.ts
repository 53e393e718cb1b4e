import type { AstroIntegration } from 'astro';
import { setBrowserReload } from '../core/dev-fresh-cases.ts';

/**
 * In `astro dev`, lets the case loader reload the pages open in browsers (a full reload, as Astro sends after its
 * content store changed): an edit that changes only a case's key is not written to the store (case-loader.ts).
 */
export default function devReload(): AstroIntegration {
  return {
    name: 'tahqiq-dev-reload',
    hooks: {
      'astro:server:setup': ({ server }) => {
        setBrowserReload((file) => server.environments.client.hot.send({ type: 'full-reload', path: '*', triggeredBy: file }));
      },
    },
  };
}
