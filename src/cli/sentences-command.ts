import path from 'node:path';
import { ProblemList } from '../core/problems.ts';
import { pointAt, readSourceDocument } from '../core/source-document.ts';
import { sourceFailureMessage } from '../core/source-failure.ts';
import { guessLanguage } from '../core/guess-language.ts';
import { EXIT, helpText, parseCommand, UsageError, type OptionSpec } from './usage.ts';

export const SENTENCES_OPTIONS = {
  lang: { type: 'string', help: 'language of the source, for sentence rules (default: guessed from its script: ar or en)' },
  format: { type: 'string', choices: ['text', 'json'], default: 'text', help: 'text (default) or json' },
  root: { type: 'string', help: 'project root (default: the current folder)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} satisfies Record<string, OptionSpec>;

export const SENTENCES_HELP = helpText(
  'tahqiq sentences <seeds/file> [options]',
  [
    'Prints a source document split into sentences, as quotes anchor to them: each sentence\'s id (the `s-…`',
    'anchor of its link on the site), its line:column in the file and its text. A blank line separates paragraphs.',
  ].join('\n'),
  SENTENCES_OPTIONS,
  'Exit codes: 0 printed, 1 the source cannot be read, 2 usage error, 3 internal error.\nExample:\n  npx tahqiq sentences seeds/000_1433950eee1a8d90.txt | head',
);

export async function sentencesCommand(args: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseCommand('sentences', args, SENTENCES_OPTIONS);
  if (values.help) {
    out.stdout(SENTENCES_HELP);
    return EXIT.ok;
  }
  const [source, ...extra] = positionals;
  if (!source) throw new UsageError('missingArgument', 'Missing source document: `tahqiq sentences seeds/<file>`');
  if (extra.length) throw new UsageError('unknownOption', `Unexpected extra argument \`${extra[0]}\`, expected one source document`);
  const root = path.resolve(values.root ?? process.cwd());
  const document = path.relative(root, path.resolve(source)).split(path.sep).join('/');
  const problems = new ProblemList();
  const probe = await readSourceDocument(root, document, values.lang ?? 'und', problems);
  if (typeof probe === 'string') {
    throw new UsageError(probe, `${sourceFailureMessage(root, document, probe)}; expected a file in \`seeds/\``, EXIT.problems);
  }
  const lang = values.lang ?? guessLanguage(probe.text);
  const doc = values.lang ? probe : await readSourceDocument(root, document, lang, new ProblemList());
  if (typeof doc === 'string') throw new Error(`source ${document} became unreadable`);
  const rows = doc.sentences.map((s) => {
    const block = doc.blocks.findIndex((b) => s.start >= b.start && s.start < b.end);
    return { id: s.id, ...pointAt(doc, s.start), paragraph: block + 1, text: s.text };
  });
  if (values.format === 'json') {
    out.stdout(`${JSON.stringify({ document, lang, sha256: doc.sha256, paragraphs: doc.blocks.length, sentences: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [`${document}: ${rows.length} sentences in ${doc.blocks.length} paragraphs (lang ${lang}, sha256 ${doc.sha256.slice(0, 12)}…)`];
  let paragraph = 0;
  for (const row of rows) {
    if (row.paragraph !== paragraph && paragraph !== 0) lines.push('');
    paragraph = row.paragraph;
    lines.push(`${row.id.padEnd(11)} ${`${row.line}:${row.column}`.padEnd(7)} ${row.text.replace(/\s+/g, ' ')}`);
  }
  out.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
