import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemList } from '../src/core/problems.ts';
import { reportUnusedRevisions } from '../src/core/provenance/unused-revisions.ts';
import type { CaseHistory } from '../src/schemas/history.ts';

const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-revisions-'));
writeFileSync(path.join(root, 'case.md'), '---\ntitle: T\nrevisions:\n  "ABCDEF1": Reason one\n  1234567: Reason two\n---\nBody\n');

const history = (partial: boolean): CaseHistory => ({
  firstPublished: '2026-01-01', lastUpdated: '2026-02-01', commits: 3, partial,
  claims: [
    { id: 'a', since: '2026-01-01', firstStatus: 'confirmed', changes: [{ date: '2026-02-01', time: '2026-02-01T10:00:00Z', commit: 'abcdef1234', reason: 'r', kind: 'status', from: 'confirmed', to: 'disputed' }] },
    { id: 'b', since: '2026-01-01', firstStatus: 'confirmed', changes: [{ date: '2026-01-15', time: '2026-01-15T10:00:00Z', commit: 'fedcba9876', reason: 'r', kind: 'label', from: 'x', to: 'y' }] },
  ],
});

describe('reasons given for commits the history does not list (TQ607)', () => {
  it('reports each key naming no commit that changed a claim, at its line and column, newest listed commit first', () => {
    const problems = new ProblemList();
    reportUnusedRevisions({ root, file: 'case.md', revisions: ['ABCDEF1', '1234567'], history: history(false), problems });
    expect(problems.items.map((p) => [p.code, p.severity, p.place])).toEqual([['TQ607', 'warning', { line: 5, column: 3 }]]);
    expect(problems.items[0]!.message).toBe('Unexpected commit `1234567` in `revisions`: it is not a commit of this file that changed a claim, so readers never see its reason; the commits of this file that changed claims are `abcdef1` (2026-02-01), `fedcba9` (2026-01-15)');
  });

  it('places a key in a flow map and in a file whose lines end in a carriage return alone', () => {
    writeFileSync(path.join(root, 'flow.md'), '---\rtitle: T\rrevisions: {abcdef1: One, 0123456: Two}\r---  \rBody\r');
    const problems = new ProblemList();
    reportUnusedRevisions({ root, file: 'flow.md', revisions: ['abcdef1', '0123456'], history: history(false), problems });
    expect(problems.items.map((p) => [p.message.slice(0, 30), p.place])).toEqual([['Unexpected commit `0123456` in', { line: 3, column: 27 }]]);
  });

  it('reports nothing from a shallow clone\'s partial history, where an older commit is missing, not wrong', () => {
    const problems = new ProblemList();
    reportUnusedRevisions({ root, file: 'case.md', revisions: ['1234567'], history: history(true), problems });
    expect(problems.items).toEqual([]);
  });
});
