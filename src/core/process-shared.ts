/**
 * State shared by the content loader and the pages of one process. In `astro dev` and `astro build` they may
 * hold separate copies of a module (Vite's module runner, the bundled pages), so the value lives on globalThis
 * under a registered symbol: every copy finds the same one.
 */
export function processShared<T>(name: string, init: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[Symbol.for(`tahqiq.${name}`)] ??= init());
}
