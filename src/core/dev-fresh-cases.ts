import { processShared } from './process-shared.ts';
// In `astro dev`, the content loader re-verifies a case the moment its file (or a source it reads) is saved and
// writes it to the verified-case cache; the content store reaches the pages a little later (Astro writes it
// after a debounce, then reloads it). The cache key of each re-verified case is kept here meanwhile, so the
// case page renders the fix at once (the loader and the pages share it through processShared).

function registry(): Map<string, string> {
  return processShared<Map<string, string>>('freshCaseKeys', () => new Map());
}

/** Records the key under which a case was just re-verified and cached (the dev server's loader). */
export function setFreshCaseKey(id: string, key: string): void {
  registry().set(id, key);
}

/** Forgets a case that no longer builds or was deleted. */
export function dropFreshCaseKey(id: string): void {
  registry().delete(id);
}

/** The key of the newest verified version of a case in this dev session, if it was re-verified. */
export function freshCaseKey(id: string): string | undefined {
  return registry().get(id);
}
