import { describe, expect, it } from 'vitest';
import { claimVersions } from '../src/core/provenance/claim-versions.ts';

/** What the history compares of each committed version must be what the build publishes of it. */
describe('claims of a committed case file version', () => {
  it('reads a claim opened with four colons (a fence that holds nested directives)', () => {
    const claims = claimVersions('::::claim[The building failed]{#failed status=confirmed}\n> failed an inspection\n::::\n');
    expect(claims.get('failed')).toEqual({ id: 'failed', status: 'confirmed', label: 'The building failed', quote: 'failed an inspection' });
  });

  it('keeps a quote line that continues the quote without its `>` (a lazy continuation), and stops at the next block', () => {
    const text = ':::claim[Closes]{#closes status=confirmed}\n> will close on March 31, the town council\nand the county health authority confirmed\n::supports[the town council]{by="Council"}\n:::\n';
    expect(claimVersions(text).get('closes')!.quote).toBe('will close on March 31, the town council and the county health authority confirmed');
    expect(claimVersions(':::claim[A]{#a status=confirmed}\n> one\n\nReasoning.\n:::\n').get('a')!.quote).toBe('one');
    expect(claimVersions(':::claim[A]{#a status=confirmed}\n> one\n- a list\n:::\n').get('a')!.quote).toBe('one');
  });
});
