import { describe, expect, it } from 'vitest';
import { statusOfHash } from '../src/scripts/status-filter.ts';

describe('reading the filter from the URL fragment', () => {
  it('reads the status of a status fragment', () => {
    expect(statusOfHash('#status-disputed')).toBe('disputed');
    expect(statusOfHash('#status-confirmed')).toBe('confirmed');
  });

  it('shows all claims with no fragment or the table fragment', () => {
    expect(statusOfHash('')).toBe('all');
    expect(statusOfHash('#claims')).toBe('all');
  });

  it('keeps the current filter for links to claims and quotes, and for unknown statuses', () => {
    expect(statusOfHash('#raid-killed-khaled-al-masoud')).toBeUndefined();
    expect(statusOfHash('#quote-raid-killed-khaled-al-masoud')).toBeUndefined();
    expect(statusOfHash('#status-maybe')).toBeUndefined();
  });

  it('does not mistake a claim whose id is a status word for a filter', () => {
    expect(statusOfHash('#disputed')).toBeUndefined();
  });
});
