import type { SourceCache } from './build-case.ts';

/** How many read source documents a run keeps: cases next to each other often share a source; an archive's thousands need not stay in memory. */
export const SOURCE_CACHE_SIZE = 256;

/** A source cache that forgets the least recently added document beyond `size` (a forgotten one is only read again if needed). */
export function boundedSourceCache(size = SOURCE_CACHE_SIZE): SourceCache {
  const cache: SourceCache = new Map();
  const set = cache.set.bind(cache);
  cache.set = (key, value) => {
    if (!cache.has(key) && cache.size >= size) cache.delete(cache.keys().next().value!);
    return set(key, value);
  };
  return cache;
}
