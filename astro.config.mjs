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
  vite: {
    build: {
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
