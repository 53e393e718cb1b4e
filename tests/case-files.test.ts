/**
 * The cases folder's links (symbolic links): links that cannot be followed, or that would publish one case twice, are
 * each reported (TQ111) and left out. Made here, in a temporary folder, rather than kept among the fixtures: a link
 * that leads back to itself trips the tools that walk a checkout.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCaseFiles } from '../src/core/case-files.ts';
import { ProblemList } from '../src/core/problems.ts';

/** A cases folder beside two files outside it, with the links `make` puts in it: the case files listed, and each problem. */
async function casesWith(make: (cases: string, outside: string) => void): Promise<{ names: string[] | undefined; problems: string[] }> {
  const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-case-links-'));
  const cases = path.join(root, 'cases');
  mkdirSync(cases);
  writeFileSync(path.join(root, 'outside.md'), 'a case kept elsewhere');
  writeFileSync(path.join(root, 'outside-2.md'), 'another');
  make(cases, root);
  const problems = new ProblemList();
  const names = await listCaseFiles(cases, 'content/cases', problems);
  return { names, problems: problems.items.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code} ${p.message}`) };
}

describe('links in the cases folder', () => {
  it('reports two links that lead back to each other, and lists neither', async () => {
    const { names, problems } = await casesWith((cases) => {
      symlinkSync('loop-b.md', path.join(cases, 'loop-a.md'));
      symlinkSync('loop-a.md', path.join(cases, 'loop-b.md'));
    });
    expect(names).toEqual([]);
    expect(problems).toEqual([
      'content/cases/loop-a.md:1:1 TQ111 Unexpected link that leads back to itself `content/cases/loop-a.md`, expected a case file; it is not published',
      'content/cases/loop-b.md:1:1 TQ111 Unexpected link that leads back to itself `content/cases/loop-b.md`, expected a case file; it is not published',
    ]);
  });

  it('keeps one of two links to the same file elsewhere, and of a link to a link the one that leads out', async () => {
    const { names, problems } = await casesWith((cases, outside) => {
      symlinkSync(path.join(outside, 'outside.md'), path.join(cases, 'out-a.md'));
      symlinkSync(path.join(outside, 'outside.md'), path.join(cases, 'out-b.md'));
      symlinkSync('c2.md', path.join(cases, 'c1.md'));
      symlinkSync(path.join(outside, 'outside-2.md'), path.join(cases, 'c2.md'));
    });
    expect(names).toEqual(['c2.md', 'out-a.md']);
    expect(problems.map((p) => p.replace(/, expected .*/, ''))).toEqual([
      'content/cases/out-b.md:1:1 TQ111 Unexpected link `content/cases/out-b.md`, which leads to the same file as `content/cases/out-a.md`',
      'content/cases/c1.md:1:1 TQ111 Unexpected link `content/cases/c1.md`, which leads to the same file as `content/cases/c2.md`',
    ]);
  });
});
