import module from 'node:module';

/**
 * The environment of a child process of ours (a verification worker, a card process): the parent's, with Node's
 * compile cache when the parent has it on (`astro` and `tahqiq` enable it in their entry points; a child does not
 * inherit it otherwise), so the child loads the core's modules already compiled and stripped of their types.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const dir = module.getCompileCacheDir?.();
  return dir ? { ...process.env, NODE_COMPILE_CACHE: dir } : process.env;
}
