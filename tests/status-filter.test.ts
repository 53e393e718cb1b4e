import { describe, expect, it } from 'vitest';
import { statusOfPath } from '../src/scripts/status-filter.ts';

describe('reading the filter from the URL', () => {
  it('reads the status after the case URL', () => {
    expect(statusOfPath('/cases/dumayr-raid/disputed/', '/cases/dumayr-raid/')).toBe('disputed');
    expect(statusOfPath('/cases/dumayr-raid/', '/cases/dumayr-raid/')).toBe('all');
  });

  it('does not mistake a case whose id is a status word for a filtered view', () => {
    expect(statusOfPath('/cases/disputed/', '/cases/disputed/')).toBe('all');
    expect(statusOfPath('/cases/disputed/confirmed/', '/cases/disputed/')).toBe('confirmed');
  });
});
