import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotation } from '../src/cli/format-github.ts';
import type { Problem } from '../src/core/problems.ts';
import { cleanEnv } from './helpers/build.ts';
import { tahqiq } from './helpers/git-repo.ts';
import { parse, ROOT, SEED_PATH, seedText } from './helpers/seed.ts';

const EN_SEED = 'seeds/sample-en-riverside-clinic.txt';

/** A project folder with the project's seeds and method, and no cases. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-cli-'));
  mkdirSync(path.join(root, 'seeds'));
  mkdirSync(path.join(root, 'content/cases'), { recursive: true });
  for (const seed of readdirSync(path.join(ROOT, 'seeds'))) copyFileSync(path.join(ROOT, 'seeds', seed), path.join(root, 'seeds', seed));
  copyFileSync(path.join(ROOT, 'content/method.yaml'), path.join(root, 'content/method.yaml'));
  return root;
}

describe('tahqiq, the command line', () => {
  it('runs as `npx tahqiq` from the package bin and lists its commands and exit codes', () => {
    const run = spawnSync('npx', ['tahqiq', '--help'], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: tahqiq <command> [options]');
    for (const command of ['check [case files…]', 'new <id> --source seeds/<file>', 'sentences <seeds/file>']) expect(run.stdout).toContain(command);
    expect(run.stdout).toMatch(/2 {2}usage error/);
  });

  it('is what `npm run check` runs', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> });
    // The plain-JavaScript entry enables Node's compile cache before any TypeScript is loaded (src/cli/tahqiq.mjs).
    expect(scripts.bin['tahqiq']).toBe('src/cli/tahqiq.mjs');
    expect(scripts.scripts['check']).toBe('node src/cli/tahqiq.mjs check');
  });

  it('gives the same output and exit code through its plain-JavaScript entry as through tahqiq.ts', () => {
    const args = ['check', 'tests/fixtures/build-broken/bad-status.md', '--format', 'github'];
    const viaJs = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/tahqiq.mjs'), ...args], { cwd: ROOT, env: { ...cleanEnv(), NO_COLOR: '1' }, encoding: 'utf8' });
    const viaTs = tahqiq(ROOT, args);
    expect(viaJs.status).toBe(1);
    expect({ status: viaJs.status, stdout: viaJs.stdout, stderr: viaJs.stderr }).toEqual(viaTs);
  });

  it('gives each command its own --help', () => {
    for (const command of ['check', 'new', 'sentences']) {
      const run = tahqiq(ROOT, [command, '--help']);
      expect(run.status, command).toBe(0);
      expect(run.stdout).toContain(`Usage: tahqiq ${command}`);
      expect(run.stdout).toContain('Exit codes:');
    }
  });

  it('refuses an unknown command with a suggestion, exit 2', () => {
    const run = tahqiq(ROOT, ['chek']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('tahqiq: error: Unknown command `chek` (did you mean `check`?)  [TQ620]\n  hint: Commands are `check`, `new` and `sentences`; `npx tahqiq --help` lists them.\n');
  });

  it('refuses an unknown option or value with a suggestion, exit 2', () => {
    expect(tahqiq(ROOT, ['check', '--fromat', 'json']).stderr).toContain('Unknown option `--fromat` for `tahqiq check` (did you mean `--format`?)  [TQ621]');
    const bad = tahqiq(ROOT, ['check', '--format', 'githb']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unexpected `--format githb`, expected one of `text`, `json`, `github` (did you mean `github`?)');
    expect(tahqiq(ROOT, ['check', '--format']).stderr).toContain('Option `--format` needs a value: one of `text`, `json`, `github`  [TQ622]');
    expect(tahqiq(ROOT, ['check', 'seeds/sample-en-riverside-clinic.txt']).stderr).toContain('expected a case file ending in `.md`  [TQ624]');
  });

  it('checks only the case files it is given, and reads only their sources', () => {
    const root = project();
    writeFileSync(path.join(root, 'content/cases/good.md'), readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8'));
    writeFileSync(path.join(root, 'content/cases/broken.md'), readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8').replace('status=disputed', 'status=dispted'));
    const one = tahqiq(root, ['check', 'content/cases/good.md', '--accept']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^tahqiq: checked 1 case file, [1-9]\d* claims verified$/m);
    expect(one.stdout).not.toContain('broken.md');
    const all = tahqiq(root, ['check']);
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/^tahqiq: checked 2 case files, [1-9]\d* claims verified; not verified: 1 case file with errors$/m);
    expect(all.stderr).toMatch(/content\/cases\/broken\.md:\d+:\d+ {2}error {2}Unexpected status `dispted`/);
  });

  it('reports an image with no file under public/ when given the one case file, as a full check does (TQ125)', () => {
    const root = project();
    const text = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8').replace('## About this case\n\n', '## About this case\n\n![The clinic](/images/clinic.png)\n\n');
    writeFileSync(path.join(root, 'content/cases/good.md'), text);
    const line = text.split('\n').indexOf('![The clinic](/images/clinic.png)') + 1;
    const expected = `content/cases/good.md:${line}:1  error  Unexpected image \`/images/clinic.png\`: there is no file \`public/images/clinic.png\``;
    const one = tahqiq(root, ['check', 'content/cases/good.md']);
    expect(one.status).toBe(1);
    expect(one.stderr).toContain(expected);
    expect(tahqiq(root, ['check']).stderr).toContain(expected);
    mkdirSync(path.join(root, 'public/images'), { recursive: true });
    writeFileSync(path.join(root, 'public/images/clinic.png'), 'png');
    expect(tahqiq(root, ['check', 'content/cases/good.md', '--accept']).status).toBe(0);
  });

  it('checks the translations of the case files it is given as a full check does, reading only the cases they name', () => {
    const root = project();
    writeFileSync(path.join(root, 'seeds/doc.txt'), 'The council voted on Monday to close the clinic.\n');
    const caseText = (lang: string, translations: string[]) => `---\ntitle: T\nlang: ${lang}\nsource:\n  document: seeds/doc.txt\n  publisher: P\n  lang: en\nreviewed: 2026-11-28\nsummary: S\n${translations.length ? `translations:\n${translations.map((t) => `  - ${t}\n`).join('')}` : ''}---\n\n:::claim[C]{#c status=unconfirmed claimant="X" missing="Y"}\n> voted on Monday\n\nWhy.\n:::\n`;
    writeFileSync(path.join(root, 'content/cases/a-en.md'), caseText('en', ['a-ar']));
    writeFileSync(path.join(root, 'content/cases/a-ar.md'), caseText('ar', []));
    writeFileSync(path.join(root, 'content/cases/b-en.md'), caseText('en', ['b-fr']));
    writeFileSync(path.join(root, 'content/cases/broken.md'), caseText('en', []).replace('status=unconfirmed', 'status=dispted'));
    expect(tahqiq(root, ['check', '--accept']).status).toBe(1);
    const oneWay = tahqiq(root, ['check', 'content/cases/a-en.md']);
    expect(oneWay.status).toBe(1);
    expect(oneWay.stderr).toContain('content/cases/a-en.md:11:5  error  Unexpected one-way link to `a-ar` in `translations`, expected `content/cases/a-ar.md` to list `a-en` in its `translations` too  [TQ507]');
    expect(oneWay.stderr).not.toMatch(/broken\.md|TQ604/);
    const unknown = tahqiq(root, ['check', 'content/cases/b-en.md']);
    expect(unknown.stderr).toContain('content/cases/b-en.md:11:5  error  Unexpected `b-fr` in `translations`, expected the id of a case file (no `b-fr.md` in content/cases)  [TQ505]');
    writeFileSync(path.join(root, 'content/cases/a-ar.md'), caseText('ar', ['a-en']));
    const both = tahqiq(root, ['check', 'content/cases/a-en.md']);
    expect(both.status).toBe(0);
    expect(both.stdout).toContain('checked 1 case file, 1 claim verified\n');
    // What a full check says of the same cases.
    const all = tahqiq(root, ['check']);
    expect(all.stderr).not.toMatch(/a-(en|ar)\.md:\d+:\d+ {2}error/);
    expect(all.stderr).toContain('content/cases/b-en.md:11:5  error  Unexpected `b-fr` in `translations`');
  });

  it('reports a damaged lock file at its line and column, and --accept writes it again', () => {
    const root = project();
    expect(tahqiq(root, ['new', 'clinic', '--source', EN_SEED]).status).toBe(0);
    const lockFile = path.join(root, 'content/sources.lock.json');
    const good = readFileSync(lockFile, 'utf8');
    writeFileSync(lockFile, good.replace('"sha256": "', '"sha256": "x'));
    const damaged = tahqiq(root, ['check']);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/content\/sources\.lock\.json:4:5 {2}error {2}Unexpected entry for `content\/cases\/clinic\.md → seeds\/sample-en-riverside-clinic\.txt` in `content\/sources\.lock\.json`: sha256 expected 64 lowercase hex digits {2}\[TQ605\]/);
    writeFileSync(lockFile, good.slice(0, 40));
    expect(tahqiq(root, ['check']).stderr).toMatch(/content\/sources\.lock\.json:\d+:\d+ {2}error {2}Unexpected JSON in `content\/sources\.lock\.json`.*\[TQ605\]/);
    expect(tahqiq(root, ['check', '--accept']).status).toBe(0);
    expect(readFileSync(lockFile, 'utf8')).toBe(good);
  });

  it('does not write an unreadable lock again from the named cases alone, which would drop the others\' fingerprints', () => {
    const root = project();
    expect(tahqiq(root, ['new', 'clinic', '--source', EN_SEED]).status).toBe(0);
    expect(tahqiq(root, ['new', 'clinic-two', '--source', EN_SEED]).status).toBe(0);
    const lockFile = path.join(root, 'content/sources.lock.json');
    const good = readFileSync(lockFile, 'utf8');
    // A merge left its conflict markers in the lock.
    const conflicted = good.replace('\n  "cases"', '\n<<<<<<< HEAD\n  "cases"');
    writeFileSync(lockFile, conflicted);
    const one = tahqiq(root, ['check', '--accept', 'content/cases/clinic.md']);
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(/content\/sources\.lock\.json:\d+:\d+ {2}error {2}Unexpected JSON in `content\/sources\.lock\.json`.*\[TQ605\]/);
    expect(one.stderr).toContain('note: content/sources.lock.json could not be read, so it was not written');
    expect(readFileSync(lockFile, 'utf8')).toBe(conflicted);
    expect(tahqiq(root, ['check', '--accept']).status).toBe(0);
    expect(readFileSync(lockFile, 'utf8')).toBe(good);
  });

  it('prints GitHub Actions annotations for a broken case, one per problem, exit 1', () => {
    const run = tahqiq(ROOT, ['check', 'tests/fixtures/build-broken/bad-status.md', '--format', 'github']);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('::error file=tests/fixtures/build-broken/bad-status.md,line=12,col=72,title=TQ203::Unexpected status `confimed`, expected one of `confirmed`, `unconfirmed`, `disputed` (did you mean `confirmed`?)%0Ahint: Use one of `confirmed`, `unconfirmed`, `disputed` (see docs/case-format.md#statuses).');
    expect(lines.at(-1)).toMatch(/^tahqiq: checked 1 case file, 0 claims verified; not verified: 1 case file with errors; 1 error, \d+ warnings?$/);
  });

  it('escapes annotation data and properties as GitHub\'s workflow commands require', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    const problem: Problem = { name: 'quoteNotFound', code: 'TQ303', severity: 'error', file: 'content/cases/a,b:c.md', place: { line: 3, column: 4 }, message: 'Quote `50%` not found\nhere', hint: 'Fix it.' };
    expect(githubAnnotation(problem)).toBe('::error file=content/cases/a%2Cb%3Ac.md,line=3,col=4,title=TQ303::Quote `50%25` not found%0Ahere%0Ahint: Fix it.');
  });

  it('gives tools JSON: files, cases, problems, provenance and a summary', () => {
    const run = tahqiq(ROOT, ['check', '--format', 'json']);
    const json = JSON.parse(run.stdout) as { files: string[]; cases: { claims: number }[]; summary: { files: number; verified: number; claims: number; errors: number }; provenance: { lock: string } };
    expect(json.files).toContain('content/cases/dumayr-raid.md');
    expect(json.summary).toMatchObject({ files: json.files.length, verified: json.files.length, errors: 0 });
    expect(json.summary.claims).toBe(json.cases.reduce((n, c) => n + c.claims, 0));
    expect(json.provenance.lock).toBe('content/sources.lock.json');
  });

  it('scaffolds a case that passes check with warnings only for what it asks the journalist to replace, and never overwrites', () => {
    const root = project();
    const created = tahqiq(root, ['new', 'clinic-closure', '--source', EN_SEED]);
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('created content/cases/clinic-closure.md (lang en)');
    const text = readFileSync(path.join(root, 'content/cases/clinic-closure.md'), 'utf8');
    expect(text).toContain(`  document: ${EN_SEED}\n`);
    expect(text).toContain('{#example status=unconfirmed');
    expect(text).toContain('> Riverside’s only public health clinic to close on March 31, officials say\n');
    expect(existsSync(path.join(root, 'content/sources.lock.json'))).toBe(true);
    const check = tahqiq(root, ['check', 'content/cases/clinic-closure.md']);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/content\/cases\/clinic-closure\.md:\d+:1 {2}warning {2}Example claim `#example` written by `tahqiq new` is still in the case.*\[TQ606\]/);
    // The draft summary and the placeholder publisher, at their own lines and columns: they would be published too.
    const lines = text.split('\n');
    const at = (field: string) => `${lines.findIndex((l) => l.trimStart().startsWith(`${field}:`)) + 1}:${lines.find((l) => l.trimStart().startsWith(`${field}:`))!.indexOf('"') + 2}`;
    expect(check.stdout).toContain(`content/cases/clinic-closure.md:${at('summary')}  warning  Draft summary \`Draft: the conclusion of the case in one paragraph.\` written by \`tahqiq new\` is still in the case; it would be published as written  [TQ606]`);
    expect(check.stdout).toContain(`content/cases/clinic-closure.md:${at('publisher')}  warning  Placeholder publisher \`Publisher (replace)\` written by \`tahqiq new\` is still in the case; it would be published as written  [TQ606]`);
    expect(check.stdout).toContain('0 errors, 3 warnings');
    const again = tahqiq(root, ['new', 'clinic-closure', '--source', EN_SEED]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Case file `content/cases/clinic-closure.md` already exists; `tahqiq new` never overwrites  [TQ623]');
    expect(readFileSync(path.join(root, 'content/cases/clinic-closure.md'), 'utf8')).toBe(text);
  });

  it('verifies the complete case files of docs/case-format.md as written (the format\'s own examples never fail its check)', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/case-format.md'), 'utf8');
    const examples = [...doc.matchAll(/^```markdown\n(---\n[\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const root = project();
    const files = examples.map((text, i) => {
      const file = `content/cases/format-example-${i + 1}.md`;
      writeFileSync(path.join(root, file), text);
      return file;
    });
    const check = tahqiq(root, ['check', ...files]);
    expect(check.stdout + check.stderr).toMatch(/^0 errors, \d+ warnings?$/m);
    expect(check.status).toBe(0);
  });

  it('scaffolds an Arabic case from the seed, guessing the language from its script', () => {
    const root = project();
    const created = tahqiq(root, ['new', 'raid', '--source', SEED_PATH]);
    expect(created.status).toBe(0);
    expect(readFileSync(path.join(root, 'content/cases/raid.md'), 'utf8')).toContain('lang: ar\n');
    const check = tahqiq(root, ['check']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('[TQ606]');
  });

  it('explains what `new` needs', () => {
    expect(tahqiq(ROOT, ['new']).stderr).toContain('Missing case id');
    expect(tahqiq(ROOT, ['new', 'x']).stderr).toContain('Missing `--source seeds/<file>`');
    expect(tahqiq(ROOT, ['new', 'Bad_Id', '--source', EN_SEED]).stderr).toContain('Unexpected case id `Bad_Id`, expected lowercase ASCII words joined by `-` (it becomes the file name and URL) (did you mean `bad-id`?)');
    const language = tahqiq(ROOT, ['new', 'x', '--source', SEED_PATH, '--lang', 'arabic']);
    expect(language.status).toBe(2);
    expect(language.stderr).toContain('Unexpected `--lang arabic`, expected a BCP 47 language tag such as `ar`');
    expect(language.stderr).not.toContain('internal error');
    const missing = tahqiq(ROOT, ['new', 'x', '--source', 'seeds/nope.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Source document `seeds/nope.txt` not found; expected a file in `seeds/` such as `seeds/000_1433950eee1a8d90.txt`');
    expect(missing.stderr).toContain('[TQ301]');
  });

  it('lists the seed\'s sentences with the ids and lines quotes anchor to', () => {
    const run = tahqiq(ROOT, ['sentences', SEED_PATH]);
    expect(run.status).toBe(0);
    const { doc } = parse(seedText());
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`${SEED_PATH}: ${doc.sentences.length} sentences in ${doc.blocks.length} paragraphs (lang ar, sha256 ${doc.sha256.slice(0, 12)}…)`);
    const rows = lines.slice(1).filter((l) => l.startsWith('s-'));
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(doc.sentences.map((s) => s.id));
    expect(rows[0]).toMatch(/^s-[0-9a-f]{7}\s+1:1\s+يُزعم أن الغارة الأمريكية/);
    const json = JSON.parse(tahqiq(ROOT, ['sentences', SEED_PATH, '--format', 'json']).stdout) as { sentences: { id: string; line: number }[] };
    expect(json.sentences[1]).toMatchObject({ id: doc.sentences[1]!.id, line: 2 });
  });

  it('checks content/site.yaml as the build reads it, when the project has one', () => {
    const root = project();
    copyFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), path.join(root, 'content/cases/riverside-clinic.md'));
    expect(tahqiq(root, ['check']).status).toBe(0);
    const site = readFileSync(path.join(ROOT, 'content/site.yaml'), 'utf8');
    expect(site).toContain('\nurl: https://example.org/\n');
    writeFileSync(path.join(root, 'content/site.yaml'), site);
    expect(tahqiq(root, ['check']).status).toBe(0);
    writeFileSync(path.join(root, 'content/site.yaml'), site.replace('\nurl: https://example.org/\n', '\nurl: https://user.github.io/tahqiq/\n'));
    const run = tahqiq(root, ['check']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^content\/site\.yaml:\d+:1 {2}error {2}Unexpected `url: https:\/\/user\.github\.io\/tahqiq\/`, expected the address of the site's host alone, `https:\/\/user\.github\.io\/`: a sub-path goes in `base: \/tahqiq\/`.*\[TQ503\]$/m);
  });

  it('names the project root when run from a folder inside it, and checks from there with --root', () => {
    const root = project();
    copyFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), path.join(root, 'content/cases/riverside-clinic.md'));
    const inside = path.join(root, 'content/cases');
    const lost = tahqiq(inside, ['check', 'riverside-clinic.md']);
    expect(lost.status).toBe(1);
    expect(lost.stderr).toContain("note: paths are read from the current folder, which has no `content/cases`; the project's root looks like `../..`: run `tahqiq check` there, or add `--root ../..`");
    const found = tahqiq(inside, ['check', '--root', '../..', 'riverside-clinic.md']);
    expect(found.status, found.stderr).toBe(0);
    expect(found.stderr).not.toContain('note: paths are read');
  });

  it('refuses a source document that is not there as one not found, naming the closest file beside it', () => {
    const typo = SEED_PATH.replace(/\.txt$/, '.tx');
    const run = tahqiq(ROOT, ['sentences', typo]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Source document \`${typo}\` not found (did you mean \`${SEED_PATH}\`?); expected a file in \`seeds/\`  [TQ301]`);
  });
});
