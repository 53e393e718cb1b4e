#!/usr/bin/env node
/**
 * Kept for scripts that call `node src/cli/check.ts` (and its `--json`): the same as `tahqiq check`.
 * Prints every problem as `file:line:column  severity  message  [code]` with a hint; exits 1 on any error.
 */
import { main } from './tahqiq.ts';

process.exitCode = await main(['check', ...process.argv.slice(2)]);
