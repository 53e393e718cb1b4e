import { describe, expect, it } from 'vitest';
import { buildCase } from '../src/core/build-case.ts';
import { ProblemList } from '../src/core/problems.ts';
import { caseEntrySchema } from '../src/schemas/case-entry.ts';
import { ROOT } from './helpers/seed.ts';

/** Thousands of claims quoting one passage once crashed check (call stack) and the build (a recursive schema). */
describe('a case with thousands of claims quoting the same passage', () => {
  it('builds without errors and its entry passes the entry schema, however deep the highlights nest', async () => {
    const claims = Array.from({ length: 3000 }, (_, i) =>
      `:::claim[The clinic will close]{#closes-${i + 1} status=unconfirmed claimant="Officials" missing="The council's minutes"}\n> will close on March 31\n\nOnly the report says so.\n:::\n`);
    const markdown = `---\ntitle: Many claims\nlang: en\nsource:\n  document: seeds/sample-en-riverside-clinic.txt\n  publisher: Example Wire\nreviewed: 2026-11-29\nsummary: One passage, quoted by every claim.\n---\n\n${claims.join('\n')}`;
    const problems = new ProblemList();
    const entry = await buildCase({ root: ROOT, file: 'content/cases/many-claims.md', markdown, problems });
    expect(problems.errors).toEqual([]);
    expect(entry?.claims).toHaveLength(3000);
    expect(() => caseEntrySchema.parse(entry)).not.toThrow();
  });
});
