import { describe, expect, it } from 'vitest';
import { ProblemList } from '../src/core/problems.ts';
import { reportAnchorFailure } from '../src/core/report-anchor-failure.ts';

describe('reportAnchorFailure', () => {
  it('names the first five places of a quote found many times, then how many more', () => {
    const problems = new ProblemList();
    const places = Array.from({ length: 36_000 }, (_, i) => ({ line: i + 1, column: 1 }));
    reportAnchorFailure({ kind: 'ambiguous', count: places.length, places }, 'case.md', { line: 3, column: 3 }, { line: 3, column: 3 }, 'will close permanently', problems);
    expect(problems.items.map((p) => p.message)).toEqual([
      'Quote `will close permanently` found 36000 times in the source (at 1:1, 2:1, 3:1, 4:1, 5:1 and 35995 more), expected exactly once',
    ]);
  });

  it('names every place of a quote found a few times', () => {
    const problems = new ProblemList();
    reportAnchorFailure({ kind: 'ambiguous', count: 2, places: [{ line: 5, column: 1 }, { line: 34, column: 7 }] }, 'case.md', { line: 3, column: 3 }, { line: 3, column: 3 }, 'two workers', problems);
    expect(problems.items[0]!.message).toContain('(at 5:1, 34:7)');
  });
});
