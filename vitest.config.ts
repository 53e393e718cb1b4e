import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Build and browser tests run real `astro build` and Chromium: give them time, run files one at a time on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // Every temporary folder of a run goes under one, removed at the end (tests/helpers/run-temp-dir.ts).
    globalSetup: ['tests/helpers/run-temp-dir.ts'],
  },
});
