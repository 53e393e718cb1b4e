/**
 * Fixture-driven tests for building case files.
 *
 * - `fixtures/errors/<name>/`: one case file (`input.md`, or another `*.md`
 *   name when the file name itself is under test) and `expected.txt`, the
 *   `formatReport` output for it, followed by one newline.
 * - `fixtures/valid/<name>/`: `input.md` and `expected.json`, a compact summary
 *   of the built entry (not the whole render tree).
 * - `fixtures/seeds/`: the source documents the fixtures quote. The fixture root
 *   is `fixtures/`, so `source.document: seeds/x.txt` is `fixtures/seeds/x.txt`.
 * - `fixtures/method/`: a second project root with its own `content/method.yaml`
 *   (every rule an error), `seeds/`, `errors/` and `valid/`, for the method rules.
 *   The main fixture root has no method file, so its fixtures test one thing each.
 *
 * `UPDATE_FIXTURES=1 npx vitest run tests/case-fixtures.test.ts` rewrites the
 * expected files instead of comparing; read every changed file before committing.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/core/load-cases.ts';
import { formatReport, PROBLEMS, type ProblemList } from '../src/core/problems.ts';
import { caseEntrySchema, type CaseEntry } from '../src/schemas/case-entry.ts';

const ROOTS = {
  fixtures: fileURLToPath(new URL('./fixtures/', import.meta.url)),
  method: fileURLToPath(new URL('./fixtures/method/', import.meta.url)),
};
const update = process.env['UPDATE_FIXTURES'] === '1';
const knownCodes = new Set<string>(Object.values(PROBLEMS).map((k) => k.code));

function fixtureNames(root: string, kind: 'errors' | 'valid'): string[] {
  return readdirSync(path.join(root, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * The fixture's case file, relative to the fixture root, e.g. `errors/bad-status/input.md`.
 * Other entries (a folder named `x.md/`, a dangling link, `.mdx` files) are what some fixtures test.
 */
function caseFileOf(root: string, kind: 'errors' | 'valid', name: string): string {
  const dir = path.join(root, kind, name);
  const names = readdirSync(dir).filter((n) => n.endsWith('.md') && lstatSync(path.join(dir, n)).isFile());
  if (names.length !== 1) throw new Error(`${kind}/${name} should hold exactly one .md case file, found ${names.length}`);
  return `${kind}/${name}/${names[0]}`;
}

/**
 * Builds a fixture on its own, as the build does (loadCases over the fixture's folder:
 * the file is read as bytes and decoded strictly), so no fixture sees another's problems.
 * The folder is copied (links kept as links) without its `expected.*` files into a fresh
 * root that shares `seeds/` (and `public/`), so the cases folder holds exactly what the fixture puts there.
 */
async function build(root: string, file: string): Promise<{ entry: CaseEntry | undefined; problems: ProblemList }> {
  const copy = mkdtempSync(path.join(tmpdir(), 'tahqiq-fixture-'));
  const dir = path.dirname(file);
  mkdirSync(path.join(copy, dir), { recursive: true });
  cpSync(path.join(root, dir), path.join(copy, dir), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (from) => !/^expected\.(txt|json)$/.test(path.basename(from)),
  });
  symlinkSync(path.join(root, 'seeds'), path.join(copy, 'seeds'));
  // The site's own images (`/images/chart.png`), shared like the seeds.
  if (existsSync(path.join(root, 'public'))) symlinkSync(path.join(root, 'public'), path.join(copy, 'public'));
  // The method fixtures' root has a method file; the main fixture root has none.
  if (existsSync(path.join(root, 'content/method.yaml'))) cpSync(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
  const { cases, problems } = await loadCases(copy, dir);
  return { entry: cases[0], problems };
}

/** Codes named in a formatted report, in order of appearance. */
function codesIn(report: string): string[] {
  return [...report.matchAll(/\[(TQ\d{3})\]$/gm)].map((m) => m[1]!);
}

/** What a valid fixture pins down: ids, verdicts and where each quote landed. */
function summarize(entry: CaseEntry, problems: ProblemList): unknown {
  return {
    id: entry.id,
    lang: entry.lang,
    dir: entry.dir,
    tally: entry.tally,
    claims: entry.claims.map((c) => ({
      id: c.id,
      status: c.status,
      quote: { ...(entry.sources.length > 1 ? { doc: c.quote.doc } : {}), source: c.quote.source, match: c.quote.match, place: c.quote.place, sentenceIds: c.quote.sentenceIds },
      ...(c.evidence.length ? { evidence: c.evidence.map((e) => ({ id: e.id, relation: e.relation, attribution: e.attribution, doc: e.passage.doc, source: e.passage.source, place: e.passage.place })) } : {}),
    })),
    ...(entry.sources.length > 1 ? { sources: entry.sources.map((s) => ({ id: s.id, sectionId: s.sectionId, document: s.document, lang: s.lang, dir: s.dir, record: s.record })) } : {}),
    ...(entry.sourceNotes.length ? { sourceNotes: entry.sourceNotes.map((n) => ({ id: n.id, doc: n.passage.doc, source: n.passage.source, place: n.passage.place })) } : {}),
    // Passages that share words are cut into segments carrying every passage: pinned where any segment has several.
    ...(overlaps(entry).length ? { overlaps: overlaps(entry) } : {}),
    warnings: problems.warnings.map((p) => p.code),
  };
}

/** Segments that belong to more than one passage: their text and the anchor ids of their passages. */
function overlaps(entry: CaseEntry): { text: string; passages: string[] }[] {
  return entry.sources.flatMap((source) =>
    source.blocks.flatMap((block) =>
      block.segments.filter((s) => (s.passages?.length ?? 0) > 1).map((s) => ({ text: s.text, passages: s.passages!.map((i) => source.passages[i]!.id) })),
    ),
  );
}

/** Compares `actual` with the expected file, or writes it under UPDATE_FIXTURES=1. */
function expectFile(root: string, file: string, actual: string): void {
  if (update) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing; run with UPDATE_FIXTURES=1 to create it, then read it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

for (const [rootName, root] of Object.entries(ROOTS)) {
  const errorFixtures = fixtureNames(root, 'errors');
  const validFixtures = fixtureNames(root, 'valid');

  describe(`error fixtures (${rootName}/)`, () => {
    it('has fixtures to run', () => {
      expect(errorFixtures.length).toBeGreaterThan(0);
    });

    for (const name of errorFixtures) {
      it(`reports ${name} as in expected.txt`, async () => {
        const { entry, problems } = await build(root, caseFileOf(root, 'errors', name));
        expect(problems.items.length, 'an error fixture should report at least one problem').toBeGreaterThan(0);
        const report = formatReport(problems.items);
        for (const code of codesIn(report)) expect(knownCodes, `${code} is not in the catalogue`).toContain(code);
        // A case with any error of its own is not published; warnings alone do not stop it.
        expect(entry === undefined).toBe(problems.errors.some((p) => p.file === caseFileOf(root, 'errors', name)));
        expectFile(root, path.join(root, 'errors', name, 'expected.txt'), `${report}\n`);
      });
    }
  });

  describe(`valid fixtures (${rootName}/)`, () => {
    it('has fixtures to run', () => {
      expect(validFixtures.length).toBeGreaterThan(0);
    });

    for (const name of validFixtures) {
      it(`builds ${name} as summarised in expected.json, without errors`, async () => {
        const { entry, problems } = await build(root, caseFileOf(root, 'valid', name));
        expect(formatReport(problems.errors)).toBe('0 errors, 0 warnings');
        expect(entry).toBeDefined();
        caseEntrySchema.parse(entry);
        expectFile(root, path.join(root, 'valid', name, 'expected.json'), `${JSON.stringify(summarize(entry!, problems), null, 2)}\n`);
      });
    }
  });
}

describe('error fixtures with Windows line endings', () => {
  const root = ROOTS.fixtures;
  // Fixtures about bytes or line endings themselves, read differently by design once their line endings change.
  const aboutBytes = new Set(['case-not-utf8', 'case-utf16', 'control-characters-in-case', 'bidi-controls-in-case', 'case-file-extensions', 'bad-file-name']);
  for (const name of fixtureNames(root, 'errors').filter((n) => !aboutBytes.has(n))) {
    it(`reports ${name} at the same places with CRLF line endings`, async () => {
      const file = caseFileOf(root, 'errors', name);
      const text = readFileSync(path.join(root, file), 'utf8');
      if (text.includes('\r')) return;
      const copy = mkdtempSync(path.join(tmpdir(), 'tahqiq-crlf-'));
      cpSync(path.join(root, 'errors', name), path.join(copy, 'errors', name), { recursive: true, verbatimSymlinks: true });
      writeFileSync(path.join(copy, file), text.replace(/\n/g, '\r\n'));
      symlinkSync(path.join(root, 'seeds'), path.join(copy, 'seeds'));
      if (existsSync(path.join(root, 'public'))) symlinkSync(path.join(root, 'public'), path.join(copy, 'public'));
      expect(formatReport((await build(copy, file)).problems.items)).toBe(formatReport((await build(root, file)).problems.items));
    });
  }
});

describe('catalogue coverage', () => {
  it('has an error fixture for every problem kind in the catalogue', () => {
    const covered = new Set<string>();
    for (const root of Object.values(ROOTS)) {
      for (const name of fixtureNames(root, 'errors')) {
        const file = path.join(root, 'errors', name, 'expected.txt');
        if (existsSync(file)) for (const code of codesIn(readFileSync(file, 'utf8'))) covered.add(code);
      }
    }
    // TQ108 concerns the folder of cases, not a case file: tests/load-cases.test.ts covers it.
    // TQ420 concerns the method file, not a case file: tests/method.test.ts covers it.
    // TQ900 is a bug, which no fixture should trigger: tests/internal-error.test.ts covers its report.
    // TQ5xx (site configuration; TQ505 has a fixture, TQ506-507 need two cases: tests/translations.test.ts) and TQ6xx (source lock, command line) are not about one case file:
    // tests/site-config.test.ts and the CLI and provenance tests cover them.
    const folderCodes = new Set([PROBLEMS.casesFolder.code, PROBLEMS.internalError.code, PROBLEMS.methodFile.code]);
    const elsewhere = (code: string) => folderCodes.has(code) || /^TQ[56]\d\d$/.test(code);
    const missing = [...knownCodes].filter((code) => !covered.has(code) && !elsewhere(code));
    expect(missing, 'codes with no error fixture').toEqual([]);
  });
});
