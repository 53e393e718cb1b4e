import { escapeForTerminal } from '../core/invisible-text.ts';
import { parseArgs } from 'node:util';
import { closest, list } from '../core/messages.ts';
import { PROBLEMS, type ProblemName } from '../core/problems.ts';

/**
 * Exit codes of `tahqiq` (also in `tahqiq --help` and docs/cli.md):
 * 0 done, nothing wrong (warnings allowed); 1 content problems (an error in a case, a refused `new`);
 * 2 usage error (unknown command or option, missing argument); 3 internal error (a bug: please report it).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;

/** A problem with the command line itself: no file, no line; printed with its code and hint. */
export class UsageError extends Error {
  readonly problem: ProblemName;
  readonly exitCode: number;
  constructor(problem: ProblemName, message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.problem = problem;
    this.exitCode = exitCode;
  }
}

export function formatUsageError(error: UsageError): string {
  const kind = PROBLEMS[error.problem];
  return escapeForTerminal(`tahqiq: error: ${error.message}  [${kind.code}]\n  hint: ${kind.hint}`);
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Allowed values of a string option. */
  choices?: readonly string[];
  /** Shown in --help; options without it are hidden (kept for compatibility). */
  help?: string;
  default?: string | boolean;
}

/**
 * node:util parseArgs, with errors a journalist can act on: an unknown option names the closest known
 * one, a string option without a value or with a value outside its choices says what is expected.
 */
export function parseCommand<const O extends Record<string, OptionSpec>>(command: string, args: string[], options: O): {
  values: { [K in keyof O]: O[K]['type'] extends 'string' ? string | undefined : boolean | undefined };
  positionals: string[];
} {
  const { tokens } = parseArgs({ args, options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }])), strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(options)) if (spec.default !== undefined) values[name] = spec.default;
  const positionals: string[] = [];
  const names = Object.keys(options);
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    const written = token.rawName;
    if (!spec) {
      const guess = closest(token.name, names);
      throw new UsageError('unknownOption', `Unknown option \`${written}\` for \`tahqiq ${command}\`${guess ? ` (did you mean \`--${guess}\`?)` : `, expected one of ${list(names.filter((n) => options[n]!.help).map((n) => `--${n}`))}`}`);
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError('unknownOption', `Option \`${written}\` takes no value, found \`${token.value}\``);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || token.value === '') {
      throw new UsageError('missingArgument', `Option \`${written}\` needs a value${spec.choices ? `: one of ${list(spec.choices)}` : ''}`);
    }
    if (spec.choices && !spec.choices.includes(token.value)) {
      const guess = closest(token.value, spec.choices);
      throw new UsageError('unknownOption', `Unexpected \`${written} ${token.value}\`, expected one of ${list(spec.choices)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
    }
    values[token.name] = token.value;
  }
  return { values: values as never, positionals };
}

/** `--help` text from a synopsis, a description and the option specs. */
export function helpText(synopsis: string, description: string, options: Record<string, OptionSpec>, more = ''): string {
  const rows = Object.entries(options)
    .filter(([, o]) => o.help)
    .map(([name, o]) => {
      const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? (o.choices ? ` <${o.choices.join('|')}>` : ' <value>') : ''}`;
      return `  ${flag.padEnd(34)} ${o.help}`;
    });
  return [`Usage: ${synopsis}`, '', description, '', 'Options:', ...rows, more ? `\n${more}` : ''].join('\n').trimEnd() + '\n';
}
