import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorsDoc } from '../src/cli/errors-doc.ts';
import { PROBLEMS } from '../src/core/problems.ts';

describe('the problem catalogue', () => {
  it('gives every kind a unique code', () => {
    const codes = Object.values(PROBLEMS).map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is listed in full in docs/errors.md (regenerate with `npm run docs:errors`)', () => {
    expect(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')).toBe(errorsDoc());
  });
});
