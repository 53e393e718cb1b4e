import type { CaseEntry } from '../schemas/case-entry.ts';
import type { Point, ProblemList } from './problems.ts';

/** The id `tahqiq new` gives the example claim it writes. */
export const EXAMPLE_CLAIM_ID = 'example';

/** Where the example claim written by `tahqiq new` is in a case, if it is still there. */
export function exampleClaimPlace(entry: Pick<CaseEntry, 'claims'>): Point | undefined {
  return entry.claims.find((c) => c.id === EXAMPLE_CLAIM_ID)?.place;
}

/** Warns (TQ606) when the example claim written by `tahqiq new` is still in a case (at `place`, see exampleClaimPlace). */
export function reportExampleClaim(file: string, place: Point | undefined, problems: ProblemList): void {
  if (place) {
    problems.add('exampleClaim', file, place,
      `Example claim \`#${EXAMPLE_CLAIM_ID}\` written by \`tahqiq new\` is still in the case; it would be published as written`);
  }
}

/** Warns (TQ606) when the example claim written by `tahqiq new` is still in a case. */
export function reportExampleClaims(entry: CaseEntry, problems: ProblemList): void {
  reportExampleClaim(entry.file, exampleClaimPlace(entry), problems);
}
