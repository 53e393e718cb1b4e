#!/usr/bin/env node
/**
 * `tahqiq`: the command line for journalists and CI (`npx tahqiq <command>`; npm scripts call it too).
 *   tahqiq check [case files…]      verify cases against their sources and the source lock
 *   tahqiq new <id> --source <file> scaffold a case that passes check with one warning
 *   tahqiq sentences <source>       list a source's sentences with ids and line numbers
 * Exit codes: 0 ok, 1 content problems, 2 usage error, 3 internal error (see src/cli/usage.ts).
 */
import module from 'node:module';
import { escapeForTerminal } from '../core/invisible-text.ts';
import { closest } from '../core/messages.ts';
import { EXIT, formatUsageError, UsageError } from './usage.ts';

type Output = { stdout: (s: string) => void; stderr: (s: string) => void };

type Command = (args: string[], out: Output) => Promise<number>;

/** Each command's module is imported only when it runs: `--help` and usage errors start instantly. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check-command.ts')).checkCommand,
  new: async () => (await import('./new-command.ts')).newCommand,
  sentences: async () => (await import('./sentences-command.ts')).sentencesCommand,
};

export const MAIN_HELP = `Usage: tahqiq <command> [options]

Fact-check case files: every claim anchored to the exact sentence of its source.

Commands:
  check [case files…]               verify every case (or only the given ones) against its sources
                                    and the source lock; --format text|json|github, --accept
  new <id> --source seeds/<file>    write content/cases/<id>.md with one example claim
  sentences <seeds/file>            list a source's sentences with their ids and line numbers

Run \`tahqiq <command> --help\` for a command's options.

Exit codes:
  0  done; no errors (warnings may have been printed)
  1  content problems: an error in a case or source, or a refused \`new\`
  2  usage error: unknown command or option, missing argument
  3  internal error: a bug in tahqiq; please report it with the command you ran
`;

/** Runs one command line; returns the exit code. Never throws. */
export async function main(argv: string[], out: Output = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out.stdout(MAIN_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    const load = COMMANDS[command];
    if (!load) {
      const names = Object.keys(COMMANDS);
      const guess = closest(command.replace(/^-+/, ''), names);
      throw new UsageError('unknownCommand', `Unknown command \`${command}\`${guess ? ` (did you mean \`${guess}\`?)` : `, expected one of ${names.map((n) => `\`${n}\``).join(', ')}`}`);
    }
    return await (await load())(args, out);
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr(`${formatUsageError(error)}\n`);
      return error.exitCode;
    }
    out.stderr(`tahqiq: internal error: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\nPlease report it with the command you ran.\n`);
    return EXIT.internal;
  }
}

if (import.meta.main) {
  // Cache compiled modules on disk (Node's compile cache): later runs start faster.
  module.enableCompileCache?.();
  process.exitCode = await main(process.argv.slice(2));
}
