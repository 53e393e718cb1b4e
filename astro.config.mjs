// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // Set to the public URL when deploying (used for canonical links); any CDN path works without it.
  site: process.env.TAHQIQ_SITE ?? 'https://example.org',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1' },
});
