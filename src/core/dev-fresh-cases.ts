import { processShared } from './process-shared.ts';
// In `astro dev`, the content loader re-verifies a case the moment its file (or a source it reads) is saved and
// writes it to the verified-case cache; the content store reaches the pages a little later (Astro writes it
// after a debounce, then reloads it). The cache key of each re-verified case is kept here meanwhile, so the
// case page renders the fix at once (the loader and the pages share it through processShared). An edit that
// changes nothing the store shows but the key (a claim's reasoning, a note…) does not go to the store at all: the
// loader asks the browser to reload instead (reloadBrowsers), as Astro does after a store change.

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

/** How the dev server makes open pages reload (src/integrations/dev-reload.ts); none outside `astro dev`. */
function reloader(): { reload?: (file: string) => void } {
  return processShared<{ reload?: (file: string) => void }>('devReload', () => ({}));
}

/** Registers how open pages are reloaded (the dev server's integration, when it starts). */
export function setBrowserReload(reload: (file: string) => void): void {
  reloader().reload = reload;
}

/**
 * Reloads the pages open in browsers, as Astro does after the content store changed, for a change to `file` (an
 * absolute path); nothing outside `astro dev`.
 */
export function reloadBrowsers(file: string): void {
  reloader().reload?.(file);
}
