import type { Problem } from './problems.ts';
import { processShared } from './process-shared.ts';

/** A case file that did not build, with every problem reported at it. */
export interface BrokenCase {
  /** The case id its page would have (the file name without `.md`). */
  id: string;
  file: string;
  problems: Problem[];
}

// The content loader and the pages share the list through processShared.
type Registry = { cases: BrokenCase[] };

function registry(): Registry {
  return processShared<Registry>('brokenCases', () => ({ cases: [] }));
}

/** Replaces the list of broken cases (the loader calls it after every check). */
export function setBrokenCases(cases: BrokenCase[]): void {
  registry().cases = cases;
}

/** Cases that did not build in the last check: in `astro dev`, their pages list their problems instead of vanishing. */
export function brokenCases(): BrokenCase[] {
  return registry().cases;
}

export function brokenCase(id: string): BrokenCase | undefined {
  return registry().cases.find((c) => c.id === id);
}
