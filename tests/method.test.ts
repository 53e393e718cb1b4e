import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/core/load-cases.ts';
import { formatReport } from '../src/core/problems.ts';
import { parseMethod, readMethod } from '../src/core/read-method.ts';
import { uiFor } from '../src/i18n/ui.ts';
import { METHOD_RULE_NAMES } from '../src/schemas/method.ts';
import { STATUSES } from '../src/schemas/status.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const METHOD_ROOT = fileURLToPath(new URL('./fixtures/method/', import.meta.url));
const methodText = readFileSync(path.join(METHOD_ROOT, 'content/method.yaml'), 'utf8');

/** A project with the every-rule-broken case and the method file given. */
async function runWith(method: string | Buffer | undefined) {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-method-'));
  mkdirSync(path.join(root, 'content/cases'), { recursive: true });
  cpSync(path.join(METHOD_ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
  cpSync(path.join(METHOD_ROOT, 'errors/every-rule-broken/input.md'), path.join(root, 'content/cases/every-rule-broken.md'));
  if (method !== undefined) writeFileSync(path.join(root, 'content/method.yaml'), method);
  return loadCases(root);
}

describe('the method file', () => {
  it('is valid in the project and in the method fixtures, with every rule', () => {
    for (const text of [readFileSync(path.join(ROOT, 'content/method.yaml'), 'utf8'), methodText]) {
      const { method, problems } = parseMethod(text);
      expect(problems).toEqual([]);
      expect(Object.keys(method!.rules).sort()).toEqual([...METHOD_RULE_NAMES].sort());
    }
  });

  it('reports a bad severity, an unknown rule and a missing label at their line and column', () => {
    const broken = methodText
      .replace('  disputed-needs-contradiction:\n    severity: error', '  disputed-needs-contradiction:\n    severity: fatal')
      .replace('rules:\n', 'rules:\n  confirmed-needs-two-sources:\n    severity: error\n')
      .replace(/    label:\n      ar: غير مؤكد\n/, '    label:\n');
    const report = formatReport(parseMethod(broken).problems);
    expect(report).toMatch(/content\/method\.yaml:\d+:3 {2}error {2}Unexpected field `rules\.confirmed-needs-two-sources` in the method {2}\[TQ420\]/);
    expect(report).toMatch(/content\/method\.yaml:\d+:5 {2}error {2}Unexpected `rules\.disputed-needs-contradiction\.severity: fatal` in the method, expected one of "error"\|"warning"\|"off" {2}\[TQ420\]/);
    // A missing key is reported at its nearest parent that exists (`label:`).
    expect(report).toMatch(/content\/method\.yaml:\d+:5 {2}error {2}Missing field `statuses\.unconfirmed\.label\.ar` in the method {2}\[TQ420\]/);
  });

  it('shows a value written in quotes with its quotes, where a number is expected', () => {
    expect(methodText).toContain('    attributions: 2\n');
    const report = formatReport(parseMethod(methodText.replace('    attributions: 2\n', '    attributions: "2"\n')).problems);
    expect(report).toMatch(/content\/method\.yaml:\d+:5 {2}error {2}Unexpected `rules\.confirmed-needs-corroboration\.attributions: "2"` in the method, expected a number: remove the quotes {2}\[TQ420\]/);
  });

  it('stops every case when the method file is a folder, or not UTF-8, instead of checking no rule at all', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tahqiq-method-folder-'));
    mkdirSync(path.join(folder, 'content/method.yaml'), { recursive: true });
    expect(formatReport((await readMethod(folder))!.problems)).toContain('content/method.yaml:1:1  error  Unexpected `content/method.yaml`: a folder, expected a YAML file  [TQ420]');
    const { cases, problems } = await runWith(Buffer.from([0x73, 0x74, 0x61, 0xff, 0x3a, 0x0a]));
    expect(cases).toEqual([]);
    expect(problems.errors.map((p) => p.message)).toContain('Unexpected `content/method.yaml`: bytes that are not UTF-8 text, expected the file saved as UTF-8');
  });

  it('reports a bidi control in the method, whose words are published on the ratings pages', () => {
    const { problems } = parseMethod(methodText.replace('ar: غير مؤكد', 'ar: غير مؤكد\u202E'));
    expect(problems.map((p) => p.code)).toContain('TQ114');
  });

  it('reports a bidi control written as a YAML escape, which is the character once parsed', () => {
    const { problems } = parseMethod(methodText.replace('en: Unconfirmed', 'en: "Un\\u202Econfirmed"'));
    expect(problems.map((p) => `${p.code} ${p.message}`)).toContain('TQ114 Unexpected invisible bidi control U+202E RIGHT-TO-LEFT OVERRIDE, written as `\\u202E`, expected visible text');
  });

  it('stops every case of the run when the method file is invalid, and prints its problems once', async () => {
    const { cases, problems } = await runWith('statuses: [\n');
    expect(cases).toEqual([]);
    expect(problems.errors.filter((p) => p.code === 'TQ420')).toHaveLength(1);
  });
});

describe('the severity of each rule is configuration', () => {
  it('fails the case on every broken rule when the rules are errors', async () => {
    const { cases, problems } = await runWith(methodText);
    expect(cases).toEqual([]);
    expect(problems.errors.map((p) => p.code)).toEqual(['TQ411', 'TQ410', 'TQ412', 'TQ413']);
  });

  it('publishes with warnings when the rules are warnings', async () => {
    const { cases, problems } = await runWith(methodText.replaceAll('severity: error', 'severity: warning'));
    expect(cases).toHaveLength(1);
    expect(problems.errors).toEqual([]);
    expect(problems.warnings.map((p) => `${p.code} ${p.severity}`)).toEqual(['TQ411 warning', 'TQ410 warning', 'TQ412 warning', 'TQ413 warning']);
  });

  it('checks nothing for rules that are off, and nothing at all without a method file', async () => {
    const off = await runWith(methodText.replaceAll('severity: error', 'severity: off'));
    expect(off.problems.items).toEqual([]);
    const none = await runWith(undefined);
    expect(none.problems.items).toEqual([]);
    expect(none.cases).toHaveLength(1);
  });

  it('takes `record: true` on a single `source:` as on an item of `sources:`', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-method-'));
    mkdirSync(path.join(root, 'content/cases'), { recursive: true });
    cpSync(path.join(METHOD_ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
    writeFileSync(path.join(root, 'content/method.yaml'), methodText);
    const notice = readFileSync(path.join(METHOD_ROOT, 'seeds/fire-service-notice.txt'), 'utf8');
    const quote = notice.split('\n').find((line) => line.split(' ').length > 6)!.split(/[.,]/)[0]!.trim();
    const caseFile = (record: string) => `---\ntitle: A notice\nlang: en\nsource:\n  document: seeds/fire-service-notice.txt\n  publisher: City fire service\n${record}reviewed: 2026-11-28\nsummary: S.\n---\n\n:::claim[C]{#c status=confirmed claimant="City fire service"}\n> ${quote}\n\n::supports[${quote}]\n\nThe notice says so.\n:::\n`;
    writeFileSync(path.join(root, 'content/cases/notice.md'), caseFile('  record: true\n'));
    const record = await loadCases(root);
    expect(record.problems.items).toEqual([]);
    expect(record.cases[0]!.sources[0]!.record).toBe(true);
    writeFileSync(path.join(root, 'content/cases/notice.md'), caseFile(''));
    expect((await loadCases(root)).problems.errors.map((p) => p.code)).toEqual(['TQ411']);
  });

  it('accepts one supporting passage from an official record only when the rule says so', async () => {
    const strict = methodText.replace('    record: true', '    record: false');
    const { problems } = await runWith(strict);
    // `#two-injured` rests on the fire service's notice (`record: true`): with `record: false` it lacks a second source too.
    expect(problems.errors.filter((p) => p.code === 'TQ411').map((p) => p.message)).toEqual([
      expect.stringContaining('#electrical-room'),
      expect.stringContaining('#two-injured'),
    ]);
  });
});

describe('the published method', () => {
  it('labels the statuses on every page with the words of content/method.yaml', () => {
    const { method } = parseMethod(readFileSync(path.join(ROOT, 'content/method.yaml'), 'utf8'));
    for (const lang of ['ar', 'en'] as const) {
      const t = uiFor(lang);
      for (const status of STATUSES) {
        expect(t.status[status]).toBe(method!.statuses[status].label[lang]);
        expect(t.statusDefinition[status]).toBe(method!.statuses[status].definition[lang]);
      }
      // A regional tag asks for the same strings, and so does every later call.
      expect(uiFor(`${lang}-EG`).status).toEqual(t.status);
      expect(uiFor(lang).status).toEqual(t.status);
    }
    // A language without strings of its own reads English, with the method's English labels.
    expect(uiFor('fr').status).toEqual(uiFor('en').status);
    expect(uiFor('fr').reviewed).toBe(uiFor('en').reviewed);
  });
});
