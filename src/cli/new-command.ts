import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { anchorQuote } from '../core/anchor.ts';
import { buildCase } from '../core/build-case.ts';
import { EXAMPLE_CLAIM_ID, SCAFFOLD_TEXT } from '../core/example-claim.ts';
import { DEFAULT_CASES_DIR } from '../core/cases-dir.ts';
import { ProblemList } from '../core/problems.ts';
import { acceptIntoLock } from '../core/provenance/check-provenance.ts';
import { DEFAULT_LOCK_FILE, readLock, writeLock } from '../core/provenance/lock-file.ts';
import { readSourceDocument, type SourceDocument } from '../core/source-document.ts';
import { sourceFailureMessage } from '../core/source-failure.ts';
import { guessLanguage } from '../core/guess-language.ts';
import { isKnownLanguageTag } from '../schemas/frontmatter.ts';
import { EXIT, helpText, parseCommand, UsageError, type OptionSpec } from './usage.ts';

export const NEW_OPTIONS = {
  source: { type: 'string', help: 'the source document the claims quote, e.g. seeds/report.txt (required)' },
  lang: { type: 'string', help: 'language of the case (default: guessed from the source\'s script: ar or en)' },
  title: { type: 'string', help: 'case headline (default: the source\'s first line, to be rewritten)' },
  publisher: { type: 'string', help: 'who published the source (default: a placeholder to replace)' },
  url: { type: 'string', help: 'where the source was published online' },
  root: { type: 'string', help: 'project root (default: the current folder)' },
  cases: { type: 'string', help: 'folder of case files (default: content/cases, or $TAHQIQ_CASES_DIR)' },
  lock: { type: 'string', help: `source lock file (default: ${DEFAULT_LOCK_FILE}, or $TAHQIQ_LOCK_FILE)` },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} satisfies Record<string, OptionSpec>;

export const NEW_HELP = helpText(
  'tahqiq new <id> --source seeds/<file> [--lang ar] [options]',
  [
    'Writes content/cases/<id>.md: frontmatter filled from the options and the source, and one example claim',
    '(`#example`) quoting the source\'s first sentence, so the file passes `tahqiq check` with one warning (TQ606)',
    'until the example is replaced. Records the source\'s fingerprint in the lock. Never overwrites a file.',
  ].join('\n'),
  NEW_OPTIONS,
  'Exit codes: 0 written, 1 refused (file exists, source unusable), 2 usage error, 3 internal error.\nExample:\n  npx tahqiq new clinic-closure --source seeds/sample-en-riverside-clinic.txt --lang en',
);

const CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A YAML double-quoted scalar. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Backslash-escapes what markdown would read as markup, so a quote stays literal text (the parser removes the escapes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]{}<>#|~!]/g, (c) => `\\${c}`).replace(/^(\s*)([-+=]|\d+[.)])(?=\s)/, (_m, lead: string, mark: string) => `${lead}${mark.replace(/([-+=.)])$/, '\\$1')}`);
}

const TEXT = {
  ar: {
    label: 'مثال: اكتب الادعاء في جملة واحدة',
    claimant: 'من قال ذلك',
    missing: 'الدليل الذي يحسم الادعاء',
    reasoning: 'مثال كتبه `tahqiq new`: اشرح هنا سبب الحكم، مع روابط الأدلة، ثم استبدل هذا الادعاء بادعاءات حقيقية.',
    ...SCAFFOLD_TEXT.ar,
    notes: '## عن هذا الملف\n\nاكتب هنا ما يحتاج القارئ إلى معرفته عن المصدر وعن طريقة التحقق.',
  },
  en: {
    label: 'Example: write the claim in one sentence',
    claimant: 'Who says so',
    missing: 'The evidence that would settle the claim',
    reasoning: 'An example written by `tahqiq new`: explain here why the claim has its status, with links to the evidence, then replace this claim with real ones.',
    ...SCAFFOLD_TEXT.en,
    notes: '## About this case\n\nWhat readers need to know about the source and how it was checked.',
  },
};

/** The first sentence a quote can anchor to on its own: two words or more, found once (or with `occurrence`). */
function firstQuotable(doc: SourceDocument): { text: string; occurrence?: number; line: number } | undefined {
  for (const sentence of doc.sentences) {
    const text = sentence.text.replace(/\s+/g, ' ').trim();
    const once = anchorQuote(doc, text);
    const line = doc.lineStarts.filter((s) => s <= sentence.start).length;
    if (once.ok) return { text, line };
    if (!once.ok && once.failure.kind === 'ambiguous') {
      const first = anchorQuote(doc, text, 1);
      if (first.ok) return { text, occurrence: 1, line };
    }
  }
  return undefined;
}

export async function newCommand(args: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseCommand('new', args, NEW_OPTIONS);
  if (values.help) {
    out.stdout(NEW_HELP);
    return EXIT.ok;
  }
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError('missingArgument', 'Missing case id: `tahqiq new <id> --source seeds/<file>`');
  if (extra.length) throw new UsageError('unknownOption', `Unexpected extra argument \`${extra[0]}\`, expected one case id`);
  if (!CASE_ID.test(id)) {
    const slug = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const guess = CASE_ID.test(slug) ? ` (did you mean \`${slug}\`?)` : '';
    throw new UsageError('unknownOption', `Unexpected case id \`${id}\`, expected lowercase ASCII words joined by \`-\` (it becomes the file name and URL)${guess}`);
  }
  if (!values.source) throw new UsageError('missingArgument', 'Missing `--source seeds/<file>`: the source document the case quotes');
  if (values.lang !== undefined && !isKnownLanguageTag(values.lang)) {
    throw new UsageError('unknownOption', `Unexpected \`--lang ${values.lang}\`, expected a BCP 47 language tag such as \`ar\`, \`en\` or \`ar-SY\` (a language code, not its name)`);
  }
  const root = path.resolve(values.root ?? process.cwd());
  const document = path.relative(root, path.resolve(values.source)).split(path.sep).join('/');
  const casesDir = path.resolve(root, values.cases ?? process.env['TAHQIQ_CASES_DIR'] ?? DEFAULT_CASES_DIR);
  const file = path.join(casesDir, `${id}.md`);
  const shownFile = path.relative(root, file).split(path.sep).join('/');

  const problems = new ProblemList();
  const probe = await readSourceDocument(root, document, values.lang ?? 'und', problems);
  if (typeof probe === 'string') {
    const seeds = probe === 'sourceNotFound' ? await readdir(path.join(root, 'seeds')).catch(() => [] as string[]) : [];
    const shown = seeds.filter((name) => !name.startsWith('.')).sort().slice(0, 10).map((name) => `\`seeds/${name}\``);
    throw new UsageError(probe, `${sourceFailureMessage(root, document, probe)}; expected a file in \`seeds/\`${shown.length ? ` such as ${shown.join(', ')}${seeds.length > shown.length ? ', …' : ''}` : ''}`, EXIT.problems);
  }
  const lang = values.lang ?? guessLanguage(probe.text);
  const doc = values.lang ? probe : await readSourceDocument(root, document, lang, new ProblemList());
  if (typeof doc === 'string') throw new Error(`source ${document} became unreadable`);
  const quote = firstQuotable(doc);
  if (!quote) throw new UsageError('missingArgument', `Source document \`${document}\` has no sentence of two words or more to quote`, EXIT.problems);
  const t = lang.split('-')[0] === 'ar' ? TEXT.ar : TEXT.en;
  const title = values.title ?? doc.text.slice(doc.blocks[0]!.start, doc.blocks[0]!.end).trim();
  const publisher = values.publisher ?? t.publisher;
  const today = new Date().toISOString().slice(0, 10);
  const attributes = `#${EXAMPLE_CLAIM_ID} status=unconfirmed claimant=${yamlString(publisher === t.publisher ? t.claimant : publisher)} missing=${yamlString(t.missing)}${quote.occurrence ? ` occurrence=${quote.occurrence}` : ''}`;
  const markdown = [
    '---',
    `title: ${yamlString(title)}`,
    `lang: ${lang}`,
    'source:',
    `  document: ${document}`,
    `  publisher: ${yamlString(publisher)}`,
    ...(values.url ? [`  url: ${values.url}`] : []),
    `reviewed: ${today}`,
    `summary: ${yamlString(t.summary)}`,
    '---',
    '',
    t.notes,
    '',
    `:::claim[${t.label}]{${attributes}}`,
    `> ${escapeMarkdown(quote.text)}`,
    '',
    t.reasoning,
    ':::',
    '',
  ].join('\n');

  // Check before writing: what `new` writes must pass `check` (with the one TQ606 warning).
  const fileFromRoot = shownFile;
  const checkProblems = new ProblemList();
  const entry = await buildCase({ root, file: fileFromRoot, markdown, problems: checkProblems });
  if (!entry) throw new Error(`the scaffold for ${document} does not pass the check: ${checkProblems.errors.map((p) => `${p.code} ${p.message}`).join('; ')}`);

  await mkdir(casesDir, { recursive: true });
  try {
    await writeFile(file, markdown, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError('caseExists', `Case file \`${shownFile}\` already exists; \`tahqiq new\` never overwrites`, EXIT.problems);
    throw error;
  }
  const lockFile = values.lock ?? process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE;
  const { lock, valid } = await readLock(root, lockFile, new ProblemList(), [fileFromRoot]);
  let recorded = '';
  if (valid) {
    const next = await acceptIntoLock({ root, lock, cases: [{ file: fileFromRoot, entry }] });
    await writeLock(root, lockFile, next.lock);
    recorded = `recorded the fingerprint of ${document} in ${lockFile}\n`;
  }
  out.stdout(
    `created ${shownFile} (lang ${lang}), with an example claim quoting line ${quote.line} of ${document}\n${recorded}` +
      'next: write the title, summary and publisher, replace the example claim (`npx tahqiq sentences ' + document + '` lists what can be quoted), then `npx tahqiq check ' + shownFile + '`\n',
  );
  return EXIT.ok;
}
