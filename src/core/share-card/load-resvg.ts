import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * resvg-js, loaded after asking its allocator (mimalloc, built into the addon) for transparent huge pages.
 * Drawing a card allocates and copies 3 MB pictures (1200×630 RGBA); mimalloc gives such blocks back to the
 * system after each card and takes them again for the next one, so every card pays ~1,500 page faults, which
 * cost more than the drawing itself (~20 ms of the ~25 ms of `render()` + `pixels` on the build machine).
 * With 2 MB pages that is a few faults per card. mimalloc reads its options from the environment when the
 * addon is loaded, hence the require here, after the variable is set; a value set outside is left as it is.
 * Where the kernel has no transparent huge pages this changes nothing.
 */
function loadResvg(): typeof import('@resvg/resvg-js') {
  process.env['MIMALLOC_ALLOW_LARGE_OS_PAGES'] ??= '1';
  return require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
}

export const Resvg: typeof import('@resvg/resvg-js').Resvg = loadResvg().Resvg;
export type Resvg = import('@resvg/resvg-js').Resvg;
export type { RenderedImage, ResvgRenderOptions } from '@resvg/resvg-js';
