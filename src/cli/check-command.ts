import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CASES_DIR } from '../core/cases-dir.ts';
import { loadCaseFiles } from '../core/load-case-files.ts';
import { formatReport, ProblemList } from '../core/problems.ts';
import { acceptIntoLock, type CheckedCase } from '../core/provenance/check-provenance.ts';
import { formatReanchoring, staleNotices } from '../core/provenance/format-report.ts';
import { DEFAULT_LOCK_FILE, serializeLock, writeLock } from '../core/provenance/lock-file.ts';
import { SourceTexts } from '../core/provenance/source-texts.ts';
import { verifyProvenance } from '../core/provenance/verify.ts';
import type { CaseEntry } from '../schemas/case-entry.ts';
import { githubAnnotation, githubNotice } from './format-github.ts';
import { checkNamedTranslations } from './named-translations.ts';
import { EXIT, helpText, parseCommand, UsageError, type OptionSpec } from './usage.ts';

export const CHECK_OPTIONS = {
  format: { type: 'string', choices: ['text', 'json', 'github'], default: 'text', help: 'text for people (default), json for tools, github for GitHub Actions annotations' },
  accept: { type: 'boolean', help: 'record the current source fingerprints and quoted passages in the lock (after reviewing a changed source)' },
  root: { type: 'string', help: 'project root (default: the current folder)' },
  cases: { type: 'string', help: 'folder of case files (default: content/cases, or $TAHQIQ_CASES_DIR)' },
  lock: { type: 'string', help: `source lock file (default: ${DEFAULT_LOCK_FILE}, or $TAHQIQ_LOCK_FILE)` },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  // `node src/cli/check.ts --json` predates --format; kept working.
  json: { type: 'boolean' },
} satisfies Record<string, OptionSpec>;

export const CHECK_HELP = helpText(
  'tahqiq check [case files…] [options]',
  [
    'Verifies case files against their source documents: every quote anchored, every field valid, and every',
    'source unchanged since its claims were last accepted (content/sources.lock.json). With no files, checks',
    'every case; with files, only those cases and the sources they quote (fast in a large archive).',
    'When a source changed, each claim quoting it is re-anchored and reported: unchanged, moved, fuzzy or orphaned.',
    'Fuzzy and orphaned claims are errors; after review, `--accept` records the new state.',
  ].join('\n'),
  CHECK_OPTIONS,
  'Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error, 3 internal error.\nExamples:\n  npx tahqiq check\n  npx tahqiq check content/cases/dumayr-raid.md --format github\n  npx tahqiq check --accept',
);

const toPosix = (p: string) => p.split(path.sep).join('/');

/** The nearest folder above `dir` that holds `casesDir` (a project's root), if any. */
function projectRootAbove(dir: string, casesDir: string): string | undefined {
  for (let at = path.dirname(dir); at !== path.dirname(at); at = path.dirname(at)) {
    if (existsSync(path.join(at, casesDir))) return at;
  }
  return undefined;
}

/** Case files named on the command line, as paths from the root; each must be an existing `.md` file. */
function namedCaseFiles(root: string, paths: string[]): string[] {
  return paths.map((p) => {
    const absolute = path.resolve(p);
    if (!p.endsWith('.md')) throw new UsageError('notACasePath', `Unexpected \`${p}\`, expected a case file ending in \`.md\``);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new UsageError('notACasePath', `Case file \`${p}\` not found`);
    return toPosix(path.relative(root, absolute));
  });
}

export async function checkCommand(args: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseCommand('check', args, CHECK_OPTIONS);
  if (values.help) {
    out.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const format = values.json ? 'json' : values.format ?? 'text';
  const root = path.resolve(values.root ?? process.cwd());
  const casesDir = values.cases ?? process.env['TAHQIQ_CASES_DIR'] ?? DEFAULT_CASES_DIR;
  const lockFile = values.lock ?? process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE;
  const shownLock = toPosix(path.relative(root, path.resolve(root, lockFile)));

  let files: string[];
  let checked: CheckedCase[];
  let problems: ProblemList;
  /** What the report lists of each case that built, by file. */
  const listed = new Map<string, { id: string; claims: number; tally: CaseEntry['tally'] }>();
  if (positionals.length > 0) {
    files = [...new Set(namedCaseFiles(root, positionals))];
    const loaded = await loadCaseFiles(root, files);
    problems = loaded.problems;
    // Between cases, as a full check: `translations` read only the cases they name.
    const failed = await checkNamedTranslations(root, loaded.built, problems);
    checked = loaded.built.map((b) => (failed.has(b.file) ? { file: b.file, entry: undefined } : b));
    for (const { entry } of checked) if (entry) listed.set(entry.file, { id: entry.id, claims: entry.claims.length, tally: entry.tally });
  } else {
    const { loadCases } = await import('../core/load-cases.ts');
    // Summaries and provenance facts are all this needs of each case: its workers send back no whole entries.
    const loaded = await loadCases(root, casesDir, { summaries: true });
    files = loaded.files;
    const byFile = new Map<string, CheckedCase>();
    for (const entry of loaded.cases) {
      byFile.set(entry.file, { file: entry.file, entry });
      listed.set(entry.file, { id: entry.id, claims: entry.claims.length, tally: entry.tally });
    }
    for (const { summary, facts } of loaded.published) {
      byFile.set(summary.file, { file: summary.file, facts });
      listed.set(summary.file, { id: summary.id, claims: summary.claimCount, tally: summary.tally });
    }
    checked = files.map((file) => byFile.get(file) ?? { file, entry: undefined });
    problems = loaded.problems;
    // The editorial pages too, as the build checks them before Astro compiles them.
    const { checkEditorialPages } = await import('../core/check-editorial-pages.ts');
    checkEditorialPages(root, problems);
    const { checkPublicFolder } = await import('../core/check-public-folder.ts');
    checkPublicFolder(root, problems);
    // And `content/site.yaml` with the variables that override it (TAHQIQ_SITE…), as the build reads them: a bad
    // public address fails here, not first in CI. A project without the file is one of cases only (the build says so).
    const { readSiteConfig, SITE_CONFIG_FILE } = await import('../core/site-config.ts');
    if (existsSync(path.join(root, SITE_CONFIG_FILE))) {
      for (const p of readSiteConfig(root).problems.items) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
    }
  }

  const sources = new SourceTexts(root);
  const caseProblems = problems.items.slice();
  let provenanceProblems = new ProblemList();
  // Checking named files without `--accept` reads only their entries of the lock (fast in a large archive).
  const named = positionals.length > 0;
  let { result, lock, lockValid, lockShaped } = await verifyProvenance({ root, lockFile, cases: checked, problems: provenanceProblems, sources, entriesOnly: named && !values.accept });
  const report = formatReanchoring(result);
  const notices: string[] = [];
  // Run from a folder inside the project (`content/cases`), every path is looked for below it: say where the root is.
  const above = values.root === undefined && !existsSync(path.join(root, casesDir)) ? projectRootAbove(root, casesDir) : undefined;
  if (above !== undefined) {
    const relative = toPosix(path.relative(root, above));
    notices.push(`paths are read from the current folder, which has no \`${casesDir}\`; the project's root looks like \`${relative}\`: run \`tahqiq check\` there, or add \`--root ${relative}\``);
  }
  if (values.accept && named && !lockShaped) {
    // Written again from the named cases alone, the lock would lose every other case's fingerprints, and with them
    // the record that lets a later check notice that their sources changed (e.g. a lock left with merge conflict markers).
    notices.push(`${shownLock} could not be read, so it was not written: accepting only the named cases would drop every other case's fingerprints. Restore it from git, or run \`tahqiq check --accept\` without file names to write it again from every case`);
  } else if (values.accept) {
    if (!lockValid) {
      notices.push(`${shownLock} could not be read; it is written again from the current cases`);
    }
    const accepted = await acceptIntoLock({ root, lock, cases: checked, prune: positionals.length === 0, sources });
    if (serializeLock(accepted.lock) !== serializeLock(lock) || !lockValid) await writeLock(root, lockFile, accepted.lock);
    notices.push(`accepted: ${shownLock} records ${accepted.accepted.length} case${accepted.accepted.length === 1 ? '' : 's'}${accepted.refused.length ? `; not accepted until their errors are fixed: ${accepted.refused.join(', ')}` : ''}`);
    // Report what holds now, against the lock just written.
    provenanceProblems = new ProblemList();
    ({ result } = await verifyProvenance({ root, lockFile, cases: checked, problems: provenanceProblems, sources, entriesOnly: named }));
  }
  notices.push(...staleNotices(result, shownLock));

  const all = new ProblemList();
  for (const p of [...caseProblems, ...provenanceProblems.items]) all.add(p.name, p.file, p.place, p.message, p.related, p.severity);
  const errors = all.errors.length;
  const withErrors = new Set(all.errors.map((p) => p.file));
  const verified = files.filter((file) => listed.has(file) && !withErrors.has(file));
  const claims = verified.reduce((n, file) => n + listed.get(file)!.claims, 0);
  const summary = checkSummary(files.length, verified.length, claims);

  if (format === 'json') {
    out.stdout(`${JSON.stringify({
      files,
      cases: files.filter((file) => listed.has(file)).map((file) => ({ id: listed.get(file)!.id, file, claims: listed.get(file)!.claims, tally: listed.get(file)!.tally })),
      problems: all.items,
      provenance: { lock: shownLock, changes: result.changes, stale: result.stale, unfingerprinted: result.unfingerprinted },
      notices,
      summary: { files: files.length, verified: verified.length, claims, errors, warnings: all.warnings.length },
    }, null, 2)}\n`);
  } else if (format === 'github') {
    const lines = [...all.items].sort((a, b) => a.file.localeCompare(b.file) || a.place.line - b.place.line || a.place.column - b.place.column).map(githubAnnotation);
    if (report) lines.push(report);
    lines.push(...notices.map(githubNotice));
    lines.push(`${summary}; ${plural(errors, 'error')}, ${plural(all.warnings.length, 'warning')}`);
    out.stdout(`${lines.join('\n')}\n`);
  } else {
    const parts = [summary];
    if (report) parts.push(report, '');
    parts.push(formatReport(all.items));
    if (notices.length) parts.push('', ...notices.map((n) => `note: ${n}`));
    (errors ? out.stderr : out.stdout)(`${parts.join('\n')}\n`);
  }
  return all.items.some((p) => p.name === 'internalError') ? EXIT.internal : errors ? EXIT.problems : EXIT.ok;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The report's first line: how many case files were read and how many claims verified, then how many files
 * verified none of their claims for an error, so that "0 claims verified" never reads as "nothing was wrong".
 */
export function checkSummary(files: number, verified: number, claims: number): string {
  const failed = files - verified;
  return `tahqiq: checked ${plural(files, 'case file')}, ${plural(claims, 'claim')} verified${failed ? `; not verified: ${plural(failed, 'case file')} with errors` : ''}`;
}
