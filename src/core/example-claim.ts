import type { CaseEntry } from '../schemas/case-entry.ts';
import type { ProblemList } from './problems.ts';

/** The id `tahqiq new` gives the example claim it writes. */
export const EXAMPLE_CLAIM_ID = 'example';

/** Warns (TQ606) when the example claim written by `tahqiq new` is still in a case. */
export function reportExampleClaims(entry: CaseEntry, problems: ProblemList): void {
  const example = entry.claims.find((c) => c.id === EXAMPLE_CLAIM_ID);
  if (example) {
    problems.add('exampleClaim', entry.file, example.place,
      `Example claim \`#${EXAMPLE_CLAIM_ID}\` written by \`tahqiq new\` is still in the case; it would be published as written`);
  }
}
