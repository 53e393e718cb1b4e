#!/usr/bin/env node
/**
 * The `tahqiq` command's entry point (package.json `bin` and `npm run check`), in plain JavaScript on purpose:
 * Node's compile cache is enabled before the first TypeScript module loads, so a run whose modules are already in
 * the cache strips no types at all (type stripping alone costs ~0.15 s of CPU per run, what a journalist's editor
 * pays on every save). The CLI then runs from one bundle of its modules when it can (cli-bundle.ts), else from
 * tahqiq.ts, which also still runs on its own (`node src/cli/tahqiq.ts`).
 */
import module from 'node:module';

module.enableCompileCache?.();
const { loadMain } = await import('./cli-bundle.ts');
const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
