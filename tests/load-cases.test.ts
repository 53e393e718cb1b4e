import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../src/core/load-cases.ts';

function caseFile(document: string, extra = ''): string {
  return `---\ntitle: T\nlang: en\nsource:\n  document: ${document}\n  publisher: P\nreviewed: 2026-11-28\nsummary: S\n---\n\n:::claim[C]{#c status=confirmed claimant="X"${extra}}\n> two words\n\nWhy.\n:::\n`;
}

describe('loading every case of a project', () => {
  it('reports a missing source at every case that points at it, each at its own document line, with the right code', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-load-'));
    mkdirSync(path.join(root, 'content/cases'), { recursive: true });
    mkdirSync(path.join(root, 'seeds'));
    writeFileSync(path.join(root, 'seeds/latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(path.join(root, 'content/cases/one.md'), caseFile('seeds/missing.txt'));
    writeFileSync(path.join(root, 'content/cases/two.md'), caseFile('seeds/missing.txt', ' bogus=1'));
    writeFileSync(path.join(root, 'content/cases/three.md'), caseFile('seeds/latin1.txt'));
    writeFileSync(path.join(root, 'content/cases/four.md'), caseFile('seeds/latin1.txt'));
    const { cases, problems } = await loadCases(root);
    expect(cases).toEqual([]);
    const seen = problems.items.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`).sort();
    expect(seen).toEqual([
      'content/cases/four.md:5:3 TQ302',
      'content/cases/one.md:5:3 TQ301',
      'content/cases/three.md:5:3 TQ302',
      'content/cases/two.md:11:46 TQ202',
      'content/cases/two.md:5:3 TQ301',
    ]);
  });

  it('publishes every valid case even when another case in the same run is broken', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-load-'));
    mkdirSync(path.join(root, 'content/cases'), { recursive: true });
    mkdirSync(path.join(root, 'seeds'));
    writeFileSync(path.join(root, 'seeds/doc.txt'), 'The council voted on Monday to close the clinic.\n');
    writeFileSync(path.join(root, 'content/cases/a-broken.md'), '---\ntitle: x\n---\n');
    for (const name of ['b-good', 'c-good', 'd-good']) {
      writeFileSync(path.join(root, `content/cases/${name}.md`), caseFile('seeds/doc.txt').replace('> two words', '> voted on Monday'));
    }
    const { cases, problems } = await loadCases(root);
    expect(cases.map((c) => c.id)).toEqual(['b-good', 'c-good', 'd-good']);
    expect(new Set(problems.errors.map((p) => p.file))).toEqual(new Set(['content/cases/a-broken.md']));
  });

  it('reports a missing or empty folder of cases instead of publishing an empty site', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-load-'));
    const missing = await loadCases(root, 'content/case');
    expect(missing.problems.errors.map((p) => `${p.file} ${p.code} ${p.message}`)).toEqual([
      'content/case TQ108 Unexpected missing folder `content/case`, expected a folder of case files',
    ]);
    mkdirSync(path.join(root, 'content/cases'), { recursive: true });
    const empty = await loadCases(root);
    expect(empty.problems.errors.map((p) => p.code)).toEqual(['TQ108']);
  });

  it('builds the project seed case with no errors', async () => {
    const { cases, problems } = await loadCases(path.resolve(import.meta.dirname, '..'));
    expect(problems.errors).toEqual([]);
    expect(cases.map((c) => c.id)).toContain('dumayr-raid');
  });
});
