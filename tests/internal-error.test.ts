import { describe, expect, it } from 'vitest';
import { failedCase, hasInternalError } from '../src/core/internal-error.ts';
import { formatReport } from '../src/core/problems.ts';

describe('an unexpected failure in one file', () => {
  it('is reported at that file as TQ900 in one line, asking for a report, without a stack trace', () => {
    let error: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (caught) {
      error = caught;
    }
    const { entry, own } = failedCase(error, 'content/cases/deep.md');
    expect(entry).toBeUndefined();
    expect(hasInternalError(own)).toBe(true);
    const report = formatReport(own.items);
    expect(report).toContain('content/cases/deep.md:1:1  error  Internal error while checking `content/cases/deep.md`: RangeError: Maximum call stack size exceeded; the file was not published  [TQ900]');
    expect(report).toContain('please report it');
    expect(report).not.toMatch(/\n\s+at /);
  });
});
