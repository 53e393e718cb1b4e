import { processShared } from './process-shared.ts';

/** The ids of the cases whose stored entry the last content sync of this process changed, added or removed. */
const changed = processShared('changed-cases', () => ({ ids: undefined as ReadonlySet<string> | undefined }));

/**
 * Records the cases a build's content sync changed in Astro's store (edited, new, deleted, or with a new history):
 * their pages are the ones the build renders again; every other case page stays as the last build made it.
 */
export function recordChangedCases(ids: Iterable<string>): void {
  changed.ids = new Set(ids);
}

/** The cases the last content sync changed; undefined when no sync recorded them in this process. */
export function changedCases(): ReadonlySet<string> | undefined {
  return changed.ids;
}
